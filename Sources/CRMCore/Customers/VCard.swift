/// A person as vCard carries them (RFC 6350 for 4.0, RFC 2426 for 3.0), limited to what a CRM contact holds.
public struct VCard: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var value: String
        /// work, home, mobile, fax or other, as the CRM labels them.
        public var label: String

        public init(value: String, label: String) { (self.value, self.label) = (value, label) }
    }

    public var formattedName: String
    public var givenName: String?
    public var familyName: String?
    public var organization: String?
    public var department: String?
    public var title: String?
    public var emails: [Entry] = []
    public var phones: [Entry] = []
    /// YYYY-MM-DD.
    public var birthday: String?
    public var note: String?
    public var language: String?
    public var urls: [String] = []

    public init(formattedName: String) { self.formattedName = formattedName }
}

public enum VCardVersion: String, CaseIterable, Sendable {
    case v3 = "3.0", v4 = "4.0"
}

public struct VCardError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Reads and writes vCard files as Outlook, Google Contacts and Apple Contacts write them: folded lines, grouped
/// properties (`item1.EMAIL`), types written every way the versions allow, escaped text, 2.1 quoted-printable.
public enum VCardFormat {
    public static func parse(_ text: String) throws(VCardError) -> [VCard] {
        var cards = [VCard]()
        var current: [(name: String, parameters: [String: [String]], value: String)]?
        for line in unfold(text) where !line.isEmpty {
            guard let property = property(line) else { continue }
            switch (property.name, property.value.uppercased()) {
            case ("BEGIN", "VCARD"): current = []
            case ("END", "VCARD"):
                if let properties = current { cards.append(try card(properties, number: cards.count + 1)) }
                current = nil
            default: current?.append(property)
            }
        }
        if cards.isEmpty { throw VCardError(description: "not a vCard file: no BEGIN:VCARD … END:VCARD") }
        return cards
    }

    public static func write(_ cards: [VCard], version: VCardVersion) -> String {
        cards.map { write($0, version: version) }.joined()
    }

    public static func write(_ card: VCard, version: VCardVersion) -> String {
        var lines = ["BEGIN:VCARD", "VERSION:" + version.rawValue]
        lines.append("FN:" + escape(card.formattedName))
        lines.append("N:" + [card.familyName, card.givenName, nil, nil, nil].map { escape($0 ?? "") }.joined(separator: ";"))
        if card.organization != nil || card.department != nil {
            lines.append("ORG:" + [card.organization ?? "", card.department].compactMap { $0 }.map(escape).joined(separator: ";"))
        }
        if let title = card.title { lines.append("TITLE:" + escape(title)) }
        for email in card.emails {
            let type = email.label == "other" ? nil : email.label
            lines.append(version == .v4 ? "EMAIL" + (type.map { ";TYPE=" + $0 } ?? "") + ":" + email.value
                                        : "EMAIL;TYPE=INTERNET" + (type.map { "," + $0.uppercased() } ?? "") + ":" + email.value)
        }
        for phone in card.phones {
            let types = phoneTypes(phone.label)
            lines.append(version == .v4
                ? "TEL;VALUE=uri" + (types.isEmpty ? "" : ";TYPE=" + types.joined(separator: ",")) + ":tel:" + phone.value.filter { !$0.isWhitespace }
                : "TEL" + (types.isEmpty ? "" : ";TYPE=" + types.map { $0.uppercased() }.joined(separator: ",")) + ":" + phone.value)
        }
        if let birthday = card.birthday { lines.append("BDAY:" + (version == .v4 ? birthday.filter { $0 != "-" } : birthday)) }
        for url in card.urls { lines.append("URL:" + url) }
        if let language = card.language { lines.append((version == .v4 ? "LANG:" : "X-LANGUAGE:") + language) }
        if let note = card.note { lines.append("NOTE:" + escape(note)) }
        lines.append("END:VCARD")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    // MARK: Reading

    /// Continuation lines (starting with a space or tab) joined; 2.1 quoted-printable soft breaks (`=` at the end) too.
    static func unfold(_ text: String) -> [String] {
        var lines = [String]()
        var quotedPrintable = false
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var line = String(raw)
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += line.dropFirst()
                continue
            }
            if quotedPrintable, let last = lines.last, last.hasSuffix("=") {
                lines[lines.count - 1] = String(last.dropLast()) + line
                quotedPrintable = line.hasSuffix("=")
                continue
            }
            quotedPrintable = line.uppercased().contains("QUOTED-PRINTABLE") && line.hasSuffix("=")
            if line.hasSuffix("\r") { line.removeLast() }
            lines.append(line)
        }
        return lines
    }

    static func property(_ line: String) -> (name: String, parameters: [String: [String]], value: String)? {
        var quoted = false
        guard let colon = line.firstIndex(where: { character in
            if character == "\"" { quoted.toggle() }
            return character == ":" && !quoted
        }) else { return nil }
        let head = line[..<colon].split(separator: ";", omittingEmptySubsequences: false)
        var name = head[0].uppercased()
        if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }   // item1.EMAIL
        var parameters = [String: [String]]()
        for parameter in head.dropFirst() {
            if let equals = parameter.firstIndex(of: "=") {
                let key = parameter[..<equals].uppercased()
                let values = parameter[parameter.index(after: equals)...].split(separator: ",").map { String($0).trimmingQuotes().lowercased() }
                parameters[key, default: []] += values
            } else {
                parameters["TYPE", default: []].append(parameter.lowercased())   // 2.1: TEL;WORK;VOICE
            }
        }
        var value = String(line[line.index(after: colon)...])
        if parameters["ENCODING"]?.contains("quoted-printable") == true {
            value = Charset.decode(QuotedPrintable.decode(Array(value.utf8)), charset: parameters["CHARSET"]?.first)
        }
        return (name, parameters, value)
    }

    private static func card(_ properties: [(name: String, parameters: [String: [String]], value: String)], number: Int) throws(VCardError) -> VCard {
        func first(_ name: String) -> (parameters: [String: [String]], value: String)? {
            properties.first { $0.name == name }.map { ($0.parameters, $0.value) }
        }
        let structuredName = first("N").map { components($0.value) } ?? []
        let family = structuredName.first.flatMap(nonEmpty)
        let given = structuredName.count > 1 ? nonEmpty(structuredName[1]) : nil
        let formatted = first("FN").map { unescape($0.value) }.flatMap(nonEmpty)
            ?? [given, family].compactMap { $0 }.joined(separator: " ")
        guard !formatted.isEmpty else { throw VCardError(description: "card \(number) has no name (FN or N)") }
        var card = VCard(formattedName: formatted)
        card.givenName = given
        card.familyName = family
        if let org = first("ORG").map({ components($0.value) }) {
            card.organization = org.first.flatMap(nonEmpty)
            card.department = org.count > 1 ? nonEmpty(org[1]) : nil
        }
        card.title = first("TITLE").map { unescape($0.value) }.flatMap(nonEmpty)
        card.note = first("NOTE").map { unescape($0.value) }.flatMap(nonEmpty)
        card.language = (first("LANG") ?? first("X-LANGUAGE")).map(\.value).flatMap(nonEmpty)
        card.birthday = first("BDAY").flatMap { birthday($0.value) }
        card.urls = properties.filter { $0.name == "URL" }.map { unescape($0.value) }.filter { !$0.isEmpty }
        card.emails = properties.filter { $0.name == "EMAIL" }.compactMap { property in
            nonEmpty(property.value).map { VCard.Entry(value: $0, label: emailLabel(property.parameters["TYPE"] ?? [])) }
        }
        card.phones = properties.filter { $0.name == "TEL" }.compactMap { property in
            var value = property.value.trimmingSpaces()
            if value.lowercased().hasPrefix("tel:") { value = value.dropFirst(4) }
            return nonEmpty(String(value)).map { VCard.Entry(value: $0, label: phoneLabel(property.parameters["TYPE"] ?? [])) }
        }
        return card
    }

    private static func emailLabel(_ types: [String]) -> String {
        types.contains("work") ? "work" : types.contains("home") ? "home" : "other"
    }

    private static func phoneLabel(_ types: [String]) -> String {
        types.contains("fax") ? "fax" : types.contains("cell") || types.contains("mobile") || types.contains("iphone") ? "mobile"
            : types.contains("work") ? "work" : types.contains("home") ? "home" : "other"
    }

    private static func phoneTypes(_ label: String) -> [String] {
        switch label {
        case "mobile": ["cell"]
        case "fax": ["fax"]
        case "work": ["work", "voice"]
        case "home": ["home", "voice"]
        default: []
        }
    }

    /// `1985-02-12`, `19850212` or with a time; dates without a year (`--0212`) are not kept.
    private static func birthday(_ raw: String) -> String? {
        let digits = raw.prefix { $0 != "T" }.filter(\.isNumber)
        guard digits.count == 8, !raw.hasPrefix("--") else { return nil }
        let text = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
        return CalendarDate(text) != nil ? text : nil
    }

    /// Splits a structured value on unescaped `;`.
    private static func components(_ value: String) -> [String] {
        var parts = [String]()
        var current = ""
        var escaped = false
        for character in value {
            if escaped { current.append("\\"); current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == ";" { parts.append(unescape(current)); current = ""; continue }
            current.append(character)
        }
        parts.append(unescape(current))
        return parts
    }

    static func unescape(_ value: String) -> String {
        var output = ""
        var escaped = false
        for character in value {
            if escaped {
                output.append(character == "n" || character == "N" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                output.append(character)
            }
        }
        return output.trimmingSpaces().description
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    // MARK: Writing

    static func escape(_ value: String) -> String {
        var output = ""
        for character in value {
            switch character {
            case "\\": output += "\\\\"
            case ",": output += "\\,"
            case ";": output += "\\;"
            case "\n", "\r\n": output += "\\n"
            default: output.append(character)
            }
        }
        return output
    }

    /// Lines of at most 75 octets, continued with a space, never splitting a character.
    static func fold(_ line: String) -> String {
        var output = ""
        var length = 0
        for character in line {
            let size = String(character).utf8.count
            if length + size > 75 {
                output += "\r\n "
                length = 1
            }
            output.append(character)
            length += size
        }
        return output
    }
}
