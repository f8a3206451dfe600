import Foundation

/// An email as the CRM logs it, read from the raw RFC 5322 message a mail server hands over.
public struct MailMessage: Sendable {
    /// Without angle brackets. Messages without one get an id derived from their bytes, so the same message
    /// delivered twice is still recognised.
    public let messageID: String
    public let inReplyTo: String?
    /// Oldest first, as the header lists them.
    public let references: [String]
    public let from: MailAddress
    public let to: [MailAddress]
    public let cc: [MailAddress]
    public let subject: String
    public let date: Date?
    /// The plain-text part, or the HTML part as text when there is no plain one.
    public let text: String
    public let attachments: [MailAttachment]

    /// Larger messages are refused whole: mail servers limit messages to 25–50 MB, and a CRM keeps the text.
    public static let maxBytes = 50 * 1_024 * 1_024

    public init(raw: [UInt8]) throws(MailParseError) {
        guard raw.contains(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }) else { throw .empty }
        guard raw.count <= Self.maxBytes else { throw .tooLarge(raw.count) }
        // An mbox "From " separator line (as some delivery agents prepend) is not a header.
        var bytes = raw[...]
        if bytes.starts(with: Array("From ".utf8)), let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) { bytes = bytes[(newline + 1)...] }
        let root = MIMEPart(bytes)
        let headers = root.headers
        guard !headers.fields.isEmpty, headers["From"] != nil || headers["Message-ID"] != nil || headers["Subject"] != nil else {
            throw .noHeaders
        }
        guard let sender = MailAddress.list(headers["From"]).first ?? MailAddress.list(headers["Sender"]).first else { throw .noSender }
        from = sender
        to = MailAddress.list(headers.all("To").joined(separator: ", "))
        cc = MailAddress.list(headers.all("Cc").joined(separator: ", "))
        subject = (headers.text("Subject") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        date = MailDate.parse(headers["Date"])
        messageID = Self.ids(headers["Message-ID"]).first ?? "generated-\(Self.fingerprint(raw))@crm.invalid"
        inReplyTo = Self.ids(headers["In-Reply-To"]).first
        references = Self.ids(headers["References"])
        var texts = [String]()
        var attachments = [MailAttachment]()
        Self.collect(root, texts: &texts, attachments: &attachments)
        text = texts.joined(separator: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines)
        self.attachments = attachments
    }

    /// The thread this message belongs to, oldest message first: its references, else what it replies to.
    public var threadRoot: String? { references.first ?? inReplyTo }

    /// Text from the readable parts; of alternatives the plain one, else HTML as text; files as attachments.
    private static func collect(_ part: MIMEPart, texts: inout [String], attachments: inout [MailAttachment]) {
        if part.isMultipart {
            if part.contentType.value == "multipart/alternative" {
                let readable = part.parts.filter { !$0.isAttachment }
                if let plain = readable.first(where: { $0.contentType.value == "text/plain" && !$0.text.isBlank }) {
                    texts.append(plain.text)
                } else if let html = readable.first(where: { $0.contentType.value == "text/html" }) {
                    texts.append(HTMLText.plain(html.text))
                } else if let nested = readable.first(where: \.isMultipart) {
                    collect(nested, texts: &texts, attachments: &attachments)
                }
                return
            }
            for child in part.parts { collect(child, texts: &texts, attachments: &attachments) }
        } else if part.isAttachment {
            let name = part.fileName ?? (part.contentType.value == "message/rfc822" ? "forwarded message.eml" : "attachment")
            attachments.append(MailAttachment(fileName: name, contentType: part.contentType.value, size: part.content.count))
        } else if part.contentType.value == "text/html" {
            texts.append(HTMLText.plain(part.text))
        } else {
            texts.append(part.text)
        }
    }

    /// Message ids in a header, without their angle brackets; a bare id without brackets is taken whole.
    static func ids(_ raw: String?) -> [String] {
        guard let raw, !raw.trimmingSpaces().isEmpty else { return [] }
        var ids = [String]()
        var rest = Substring(raw)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close].trimmingSpaces()
            if !id.isEmpty { ids.append(String(id)) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty, let bare = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).first { ids.append(String(bare)) }
        return ids.map { String($0.prefix(250)) }
    }

    /// Two 64-bit FNV-1a hashes with different seeds: a stable 128-bit name for the message's bytes.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in bytes {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 1
        }
        return String(first, radix: 16) + String(second, radix: 16)
    }
}

public struct MailAttachment: Sendable, Equatable, Codable {
    public let fileName: String
    public let contentType: String
    /// Bytes after decoding.
    public let size: Int

    public init(fileName: String, contentType: String, size: Int) {
        (self.fileName, self.contentType, self.size) = (fileName, contentType, size)
    }
}

public enum MailParseError: Error, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(Int)
    case noHeaders
    case noSender

    public var description: String {
        switch self {
        case .empty: "the message is empty"
        case let .tooLarge(bytes): "the message has \(bytes) bytes, more than the \(MailMessage.maxBytes) allowed"
        case .noHeaders: "not an email: it does not start with header lines such as From and Subject"
        case .noSender: "the From header is missing or holds no address"
        }
    }
}

extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
