import Vapor

/// CSV as spreadsheets read it (RFC 4180: lines end in CRLF): UTF-8, quoted where needed, and never a formula.
enum CSV {
    static func field(_ text: String) -> String {
        // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
        let safe = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func response(_ lines: [String], filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return Response(status: .ok, headers: headers, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
    }
}
