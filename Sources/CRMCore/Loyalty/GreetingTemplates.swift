import Foundation

/// The languages greetings are written in, and which of them a contact reads.
public enum GreetingLanguage {
    /// English, Lithuanian, Afrikaans, Chinese (Simplified, Traditional), Spanish and Tamil.
    public static let all = ["en", "lt", "af", "zh-Hans", "zh-Hant", "es", "ta"]

    public static func title(_ code: String) -> String {
        switch code {
        case "en": "English"
        case "lt": "Lithuanian (lietuvių)"
        case "af": "Afrikaans"
        case "zh-Hans": "Chinese, Simplified (简体中文)"
        case "zh-Hant": "Chinese, Traditional (繁體中文)"
        case "es": "Spanish (español)"
        case "ta": "Tamil (தமிழ்)"
        default: code
        }
    }

    /// The written language a contact's language tag asks for, among those a greeting has, or nil: `zh-TW` and
    /// `zh-HK` read Traditional characters, other Chinese Simplified; `lt-LT` reads `lt`.
    public static func match(_ tag: String?, in available: Set<String>) -> String? {
        guard let tag = tag?.trimmingCharacters(in: .whitespaces), !tag.isEmpty else { return nil }
        let parts = tag.replacingOccurrences(of: "_", with: "-").lowercased().split(separator: "-").map(String.init)
        var wanted = parts[0]
        if wanted == "zh" {
            let traditional = parts.dropFirst().contains { ["hant", "tw", "hk", "mo"].contains($0) }
            wanted = traditional ? "zh-Hant" : "zh-Hans"
        }
        return available.contains(wanted) ? wanted : nil
    }
}

/// A greeting's subject or body with placeholders — `{name}`, `{first_name}`, `{company}`, `{holiday}`,
/// `{signature}` — filled in for each contact.
public enum GreetingTemplate {
    public static let placeholders = ["name", "first_name", "company", "holiday", "signature"]

    public struct Values: Sendable {
        public let name: String
        public let firstName: String?
        public let company: String?
        public let holiday: String
        public let signature: String

        public init(name: String, firstName: String?, company: String?, holiday: String, signature: String) {
            (self.name, self.firstName, self.company, self.holiday, self.signature) = (name, firstName, company, holiday, signature)
        }

        func value(of placeholder: String) -> String? {
            switch placeholder {
            case "name": name
            case "first_name": firstName ?? name
            // A private customer has no company: the greeting then names them.
            case "company": company ?? name
            case "holiday": holiday
            case "signature": signature
            default: nil
            }
        }
    }

    /// Words in braces that are not placeholders (a typo would otherwise reach every customer as `{nmae}`).
    public static func unknownPlaceholders(in text: String) -> [String] {
        tokens(in: text).filter { !placeholders.contains($0) }
    }

    public static func render(_ text: String, _ values: Values) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return out + rest[open...] }
            let token = String(rest[rest.index(after: open)..<close])
            if let value = values.value(of: token) { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    private static func tokens(in text: String) -> [String] {
        var found = [String]()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// The text a new greeting starts with in each language, for the manager to adapt.
    public static func standard(_ language: String) -> (subject: String, body: String)? {
        switch language {
        case "en":
            ("Happy holidays, {first_name}!", """
            Dear {first_name},

            On the occasion of {holiday}, we wish you and everyone at {company} joy, good health and success. Thank you for your trust and for working with us.

            Warm regards,
            {signature}
            """)
        case "lt":
            ("Sveikinimai švenčių proga, {first_name}!", """
            Gerb. {name},

            švenčių proga linkime Jums ir visai įmonės {company} komandai džiaugsmo, sveikatos ir sėkmės. Dėkojame už pasitikėjimą ir gerą bendradarbiavimą.

            Nuoširdžiai
            {signature}
            """)
        case "af":
            ("Feesgroete, {first_name}!", """
            Beste {first_name},

            Met hierdie feesdag wens ons u en almal by {company} vreugde, goeie gesondheid en voorspoed toe. Baie dankie vir u vertroue en die goeie samewerking.

            Vriendelike groete
            {signature}
            """)
        case "zh-Hans":
            ("节日快乐，{name}！", """
            尊敬的{name}：

            值此佳节之际，谨向您及{company}全体同仁致以诚挚的祝福，祝您节日快乐、身体健康、事业兴旺！感谢您一直以来的信任与支持。

            此致
            敬礼
            {signature}
            """)
        case "zh-Hant":
            ("節日快樂，{name}！", """
            尊敬的{name}：

            值此佳節之際，謹向您及{company}全體同仁致以誠摯的祝福，祝您節日快樂、身體健康、事業興旺！感謝您一直以來的信任與支持。

            此致
            敬禮
            {signature}
            """)
        case "es":
            ("¡Felices fiestas, {first_name}!", """
            Estimado/a {first_name}:

            Con motivo de estas fiestas, le deseamos a usted y a todo el equipo de {company} alegría, salud y éxito. Gracias por su confianza y por la buena colaboración.

            Un cordial saludo,
            {signature}
            """)
        case "ta":
            ("இனிய பண்டிகை வாழ்த்துகள், {name}!", """
            அன்புள்ள {name},

            இந்தப் பண்டிகை நாளில் உங்களுக்கும் {company} குழுவினர் அனைவருக்கும் மகிழ்ச்சி, நல்ல உடல்நலம் மற்றும் வெற்றி கிடைக்க வாழ்த்துகிறோம். உங்கள் நம்பிக்கைக்கும் நல்ல ஒத்துழைப்புக்கும் நன்றி.

            அன்புடன்,
            {signature}
            """)
        default: nil
        }
    }
}
