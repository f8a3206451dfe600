/// A header block: folded lines joined, names compared without case, values as raw text.
public struct MailHeaders: Sendable {
    public private(set) var fields: [(name: String, value: String)] = []

    /// Parses header lines; a line that is neither `Name: value` nor a continuation ends nothing but is skipped,
    /// as lenient readers do with stray lines from broken clients.
    public init(_ lines: [Substring]) {
        for line in lines {
            if let first = line.first, first == " " || first == "\t" {
                guard !fields.isEmpty else { continue }
                fields[fields.count - 1].value += " " + line.trimmingSpaces()
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingSpaces()
                guard !name.isEmpty, !name.contains(" ") else { continue }
                fields.append((String(name), String(line[line.index(after: colon)...].trimmingSpaces())))
            }
        }
    }

    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    public func all(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// A header value with its encoded words decoded.
    public func text(_ name: String) -> String? {
        self[name].map(EncodedWords.decode)
    }
}

/// A structured header such as `Content-Type: text/plain; charset="utf-8"`: the value and its parameters, with
/// RFC 2231 continuations and charsets (`filename*0*=utf-8''…`) joined and decoded.
public struct HeaderValue: Sendable {
    public let value: String
    public let parameters: [String: String]

    public init(_ raw: String) {
        var parts = [String]()
        var current = ""
        var quoted = false
        var escaped = false
        for character in raw {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\" where quoted: escaped = true
            case "\"": quoted.toggle(); current.append(character)
            case ";" where !quoted: parts.append(current); current = ""
            default: current.append(character)
            }
        }
        parts.append(current)
        value = parts[0].trimmingQuotes().lowercased()
        var simple = [String: String]()
        var continued = [String: [(index: Int, text: String, encoded: Bool)]]()
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = part[..<equals].trimmingSpaces().lowercased()
            let text = String(part[part.index(after: equals)...]).trimmingQuotes()
            let pieces = name.split(separator: "*", omittingEmptySubsequences: false)
            if pieces.count == 1 {
                simple[name] = text
            } else {
                let encoded = name.hasSuffix("*")
                let index = pieces.count > 1 ? Int(pieces[1]) ?? 0 : 0
                continued[String(pieces[0]), default: []].append((index, text, encoded))
            }
        }
        for (name, pieces) in continued {
            let sorted = pieces.sorted { $0.index < $1.index }
            var charset: String?
            var bytes = [UInt8]()
            for (position, piece) in sorted.enumerated() {
                var text = Substring(piece.text)
                if piece.encoded, position == 0 {
                    // charset'language'value
                    let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                    if fields.count == 3 { charset = String(fields[0]); text = fields[2] }
                }
                bytes += piece.encoded ? Self.percentDecoded(text) : Array(text.utf8)
            }
            simple[name] = Charset.decode(bytes, charset: charset)
        }
        parameters = simple.mapValues(EncodedWords.decode)
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        var output = [UInt8]()
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%"), bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16) {
                output.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                output.append(byte)
            }
        }
        return output
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        count == other.count && lowercased() == other.lowercased()
    }
}
