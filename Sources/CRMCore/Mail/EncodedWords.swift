/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values, in any charset `Charset` reads.
public enum EncodedWords {
    public static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var output = ""
        var rest = Substring(value)
        var pendingSpace = ""
        var lastWasEncoded = false
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (word, after) = encodedWord(at: rest) {
                // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
                if !lastWasEncoded { output += pendingSpace }
                output += word
                pendingSpace = ""
                lastWasEncoded = true
                rest = after
                continue
            }
            let character = rest.removeFirst()
            if character == " " || character == "\t" {
                pendingSpace.append(character)
            } else {
                output += pendingSpace
                pendingSpace = ""
                output.append(character)
                lastWasEncoded = false
            }
        }
        return output + pendingSpace
    }

    /// One encoded word at the start of `text` and what follows it, or nil when it is not well formed.
    private static func encodedWord(at text: Substring) -> (String, Substring)? {
        let parts = text.dropFirst(2).split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let end = parts[2].range(of: "?=") else { return nil }
        // RFC 2231 allows a language after the charset: `utf-8*en`.
        let charset = parts[0].split(separator: "*").first.map(String.init) ?? ""
        let encoded = parts[2][..<end.lowerBound]
        let bytes: [UInt8]
        switch parts[1].uppercased() {
        case "B": guard let decoded = Base64Body.decode(Array(encoded.utf8)) else { return nil }; bytes = decoded
        case "Q": bytes = QuotedPrintable.decode(Array(encoded.utf8), underscoreIsSpace: true)
        default: return nil
        }
        return (Charset.decode(bytes, charset: charset), parts[2][end.upperBound...])
    }
}

/// Quoted-printable bodies (RFC 2045 §6.7) and Q-encoded words.
public enum QuotedPrintable {
    public static func decode(_ input: [UInt8], underscoreIsSpace: Bool = false) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "=") {
                // A soft line break: `=` at the end of a line joins it to the next.
                var next = index + 1
                while next < input.count, input[next] == UInt8(ascii: " ") || input[next] == UInt8(ascii: "\t") { next += 1 }
                if next < input.count, input[next] == UInt8(ascii: "\r") || input[next] == UInt8(ascii: "\n") {
                    if input[next] == UInt8(ascii: "\r"), next + 1 < input.count, input[next + 1] == UInt8(ascii: "\n") { next += 1 }
                    index = next + 1
                    continue
                }
                if next == input.count { break }
                if index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                output.append(byte)   // a stray `=` is kept as written, as mail clients do
            } else if underscoreIsSpace, byte == UInt8(ascii: "_") {
                output.append(UInt8(ascii: " "))
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// Base64 bodies, ignoring line breaks and anything outside the alphabet as RFC 2045 asks.
public enum Base64Body {
    public static func decode(_ input: [UInt8]) -> [UInt8]? {
        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 4)
        var buffer: UInt32 = 0
        var count = 0
        for byte in input {
            if byte == UInt8(ascii: "=") { break }
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            default: continue
            }
            buffer = buffer << 6 | value
            count += 1
            if count == 4 {
                output.append(contentsOf: [UInt8(buffer >> 16 & 0xFF), UInt8(buffer >> 8 & 0xFF), UInt8(buffer & 0xFF)])
                buffer = 0
                count = 0
            }
        }
        switch count {
        case 0: break
        case 2: output.append(UInt8(buffer >> 4 & 0xFF))
        case 3: output.append(contentsOf: [UInt8(buffer >> 10 & 0xFF), UInt8(buffer >> 2 & 0xFF)])
        default: return nil
        }
        return output
    }
}
