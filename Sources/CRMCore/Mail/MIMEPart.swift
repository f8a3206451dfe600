/// One MIME entity: its headers, and either its decoded content or its child parts.
public struct MIMEPart: Sendable {
    public let headers: MailHeaders
    public let contentType: HeaderValue
    /// The content after its transfer encoding is undone (empty for multiparts).
    public let content: [UInt8]
    public let parts: [MIMEPart]

    /// Deeper nesting than any client writes is treated as content, so a hostile message cannot recurse forever.
    static let maxDepth = 20

    init(_ bytes: ArraySlice<UInt8>, depth: Int = 0, defaultType: String = "text/plain") {
        let (headerLines, body) = Self.split(bytes)
        headers = MailHeaders(headerLines)
        contentType = HeaderValue(headers["Content-Type"] ?? defaultType)
        if contentType.value.hasPrefix("multipart/"), depth < Self.maxDepth, let boundary = contentType.parameters["boundary"], !boundary.isEmpty,
           let bodies = Self.bodies(of: body, boundary: boundary) {
            let childType = contentType.value == "multipart/digest" ? "message/rfc822" : "text/plain"
            parts = bodies.map { MIMEPart($0, depth: depth + 1, defaultType: childType) }
            content = []
        } else {
            parts = []
            content = Self.decode(body, encoding: headers["Content-Transfer-Encoding"])
        }
    }

    public var isMultipart: Bool { !parts.isEmpty }

    /// An attachment, a part with a file name, or content that is not text: what the reader sees as a file.
    public var isAttachment: Bool {
        headers["Content-Disposition"].map(HeaderValue.init)?.value == "attachment" || fileName != nil
            || !(contentType.value.hasPrefix("text/") || contentType.value.hasPrefix("multipart/"))
    }

    public var fileName: String? {
        headers["Content-Disposition"].map(HeaderValue.init)?.parameters["filename"] ?? contentType.parameters["name"]
    }

    /// The content as text in its declared charset, line ends as `\n`.
    public var text: String {
        Charset.decode(content, charset: contentType.parameters["charset"])
            .replacingLineEnds()
    }

    /// Headers end at the first empty line; a message without one is all headers.
    static func split(_ bytes: ArraySlice<UInt8>) -> ([Substring], ArraySlice<UInt8>) {
        var lines = [Substring]()
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                var end = index
                if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if end == start { return (lines, bytes[(index + 1)...]) }
                lines.append(Substring(headerText(bytes[start..<end])))
                start = index + 1
            }
            index += 1
        }
        if start < bytes.endIndex { lines.append(Substring(headerText(bytes[start...]))) }
        return (lines, bytes[bytes.endIndex...])
    }

    /// Headers should be ASCII; 8-bit ones are UTF-8 from modern clients, otherwise most likely Windows-1252.
    private static func headerText(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return Charset.decode(bytes, charset: "windows-1252")
    }

    /// The bodies between `--boundary` lines; nil when the boundary never appears (a broken message), so the caller
    /// keeps the whole body as text rather than losing it. A missing closing line ends the last part at the end.
    static func bodies(of body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>]? {
        let delimiter = Array(("--" + boundary).utf8)
        var result = [ArraySlice<UInt8>]()
        var partStart: Int?
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            let lineEnd = body[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
            let line = body[lineStart..<lineEnd]
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                let closing = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                if closing || rest.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                    if let partStart {
                        // The line break before a delimiter belongs to the delimiter.
                        var end = lineStart
                        if end > partStart, body[end - 1] == UInt8(ascii: "\n") { end -= 1 }
                        if end > partStart, body[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                        result.append(body[partStart..<max(partStart, end)])
                    }
                    if closing { return result }
                    partStart = min(lineEnd + 1, body.endIndex)
                }
            }
            lineStart = lineEnd + 1
        }
        if let partStart, partStart < body.endIndex { result.append(body[partStart...]) }
        return result.isEmpty ? nil : result
    }

    static func decode(_ body: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch encoding?.trimmingQuotes().lowercased() {
        case "base64": Base64Body.decode(Array(body)) ?? Array(body)
        case "quoted-printable": QuotedPrintable.decode(Array(body))
        default: Array(body)
        }
    }
}

extension String {
    func replacingLineEnds() -> String {
        guard contains("\r") else { return self }
        return split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
            .split(separator: "\r", omittingEmptySubsequences: false).joined(separator: "\n")
    }
}
