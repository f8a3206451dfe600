/// A mailbox from an address header: `"Name" <local@domain>`, `local@domain (Name)` or a bare address.
public struct MailAddress: Sendable, Equatable, Hashable {
    public let name: String?
    /// Lower-cased, as contacts' addresses are stored for matching.
    public let address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address.lowercased()
    }

    /// Every mailbox in an address list; groups (`Team: a@x, b@y;`) are flattened and unparseable entries skipped.
    public static func list(_ raw: String?) -> [MailAddress] {
        guard let raw else { return [] }
        var entries = [String]()
        var current = ""
        var quoted = false, angle = false, comment = 0
        for character in raw {
            switch character {
            case "\"" where comment == 0: quoted.toggle()
            case "(" where !quoted: comment += 1
            case ")" where !quoted && comment > 0: comment -= 1
            case "<" where !quoted && comment == 0: angle = true
            case ">" where !quoted && comment == 0: angle = false
            case ":" where !quoted && !angle && comment == 0:
                current = ""   // a group name
                continue
            case ",", ";":
                if !quoted && !angle && comment == 0 { entries.append(current); current = ""; continue }
            default: break
            }
            current.append(character)
        }
        entries.append(current)
        return entries.compactMap(parse)
    }

    static func parse(_ entry: String) -> MailAddress? {
        let text = entry.trimmingSpaces()
        guard !text.isEmpty else { return nil }
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let address = text[text.index(after: open)..<close].trimmingSpaces()
            let name = EncodedWords.decode(String(text[..<open]).trimmingQuotes()).trimmingQuotes()
            return valid(address) ? MailAddress(name: name.isEmpty ? nil : name, address: String(address)) : nil
        }
        var address = text
        var name: String?
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            name = EncodedWords.decode(String(text[text.index(after: open)..<close]))
            address = text[..<open].trimmingSpaces()
        }
        return valid(address) ? MailAddress(name: name, address: String(address)) : nil
    }

    private static func valid(_ address: Substring) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        return at != address.startIndex && address.index(after: at) != address.endIndex && !address.contains(" ")
    }
}
