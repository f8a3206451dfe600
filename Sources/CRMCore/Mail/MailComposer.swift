import Foundation

/// Writes the RFC 5322 message the CRM sends: UTF-8 text as quoted-printable, non-ASCII header text as encoded
/// words, lines within the 78-character limit, so any mail server passes it unchanged.
public enum MailComposer {
    public static func compose(from: MailAddress, to: [MailAddress], subject: String, body: String, messageID: String, date: Date,
                               inReplyTo: String? = nil) -> String {
        var headers = [
            "From: " + mailbox(from),
            "To: " + to.map(mailbox).joined(separator: ", "),
            "Subject: " + encodedWords(subject),
            "Date: " + rfc5322Date(date),
            "Message-ID: <\(messageID)>",
        ]
        if let inReplyTo { headers += ["In-Reply-To: <\(inReplyTo)>", "References: <\(inReplyTo)>"] }
        headers += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + quotedPrintable(body) + "\r\n"
    }

    static func mailbox(_ address: MailAddress) -> String {
        guard let name = address.name, !name.isEmpty else { return address.address }
        let isPlain = name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "." || $0 == "-") }
        return (isPlain ? name : name.unicodeScalars.allSatisfy(\.isASCII) ? "\"" + name.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\"" : encodedWords(name)) + " <\(address.address)>"
    }

    /// ASCII text as is; anything else as base64 encoded words of at most 45 bytes each, split between characters.
    public static func encodedWords(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) else { return text }
        var words = [String]()
        var chunk = [UInt8]()
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Quoted-printable with CRLF line ends and soft breaks before 76 characters.
    public static func quotedPrintable(_ text: String) -> String {
        let lines = text.replacingLineEnds().split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line -> String in
            var output = ""
            var length = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let safe = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || (byte == 32 && !isLast) || (byte == 9 && !isLast)
                let piece = safe ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if length + piece.count > 75 {
                    output += "=\r\n"
                    length = 0
                }
                output += piece
                length += piece.count
            }
            return output
        }.joined(separator: "\r\n")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// When a failed delivery is tried again: soon at first, then less often; after the last try it is marked failed
/// and shown to people rather than retried forever.
public enum DeliveryRetry {
    /// Minutes to wait after the 1st, 2nd, … failed attempt.
    public static let waits = [1, 5, 30, 120, 360, 720]

    public static func nextAttempt(afterFailedAttempts attempts: Int, at now: Date) -> Date? {
        guard attempts >= 1, attempts <= waits.count else { return nil }
        return now.addingTimeInterval(Double(waits[attempts - 1]) * 60)
    }
}

/// `CRM_SENDMAIL` as program and arguments, split on spaces the way a person writes it, never given to a shell.
public enum SendmailCommand {
    public static func parse(_ raw: String) -> [String]? {
        let parts = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        return parts.isEmpty ? nil : parts
    }
}
