import Foundation
import Testing
import VaporTesting
@testable import CRM

/// What a page answered.
struct PageResponse {
    var status: HTTPStatus
    var headers: HTTPHeaders
    var body: ByteBuffer
}

/// Drives the web pages the way a browser does: keeps the session cookie and sends forms with their CSRF token.
/// In memory by default; `over: port` talks to the running server through a real socket.
final class TestBrowser {
    let app: Application
    private let socket: SocketHTTP?
    private(set) var cookie: String?
    private(set) var lastBody = ""
    /// Sent as `X-Request-Id` when set, to find the request's statements in `TestLog`.
    var requestID: String?

    init(_ app: Application, over port: Int? = nil) {
        self.app = app
        self.socket = port.map { SocketHTTP(port: $0) }
    }

    var sessionID: String? { cookie?.split(separator: "=", maxSplits: 1).last.map(String.init) }

    /// The CSRF token of the forms on the last page that had any.
    private(set) var csrf: String?

    @discardableResult
    func get(_ path: String) async throws -> PageResponse {
        try await send(.GET, path, body: nil)
    }

    /// Posts a form; the CSRF token of the last page is added unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [String: String] = [:], csrf: String?? = nil) async throws -> PageResponse {
        var fields = fields
        if let token = csrf ?? self.csrf { fields["_csrf"] = token }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.POST, path, body: body)
    }

    /// Uploads a file as a browser does (multipart/form-data), with the CSRF token of the last page.
    func upload(_ path: String, field: String, fileName: String, content: String, fields: [String: String] = [:]) async throws -> PageResponse {
        let boundary = "----crmtest" + UUID().uuidString
        var body = ""
        if let csrf { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n" }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\n"
            + "Content-Type: text/vcard\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
        return try await send(.POST, path, body: body, contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    /// The SQL statements a page's GET ran, with its response.
    func statements(get path: String) async throws -> (PageResponse, [String]) {
        let id = UUID().uuidString
        requestID = id
        defer { requestID = nil }
        let response = try await get(path)
        return (response, TestLog.statements(ofRequest: id))
    }

    @discardableResult
    func signIn(_ email: String, _ password: String) async throws -> PageResponse {
        try await get("/signin")
        return try await post("/signin", ["email": email, "password": password])
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?, contentType: HTTPMediaType = .urlEncodedForm) async throws -> PageResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if body != nil { headers.contentType = contentType }
        if let requestID { headers.add(name: .xRequestId, value: requestID) }
        let response: PageResponse
        if let socket {
            let reply = try await socket.send(method, path, headers: headers, body: Array((body ?? "").utf8))
            response = PageResponse(status: reply.status, headers: reply.headers, body: reply.body)
        } else {
            let reply = try await app.testing().sendRequest(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
            response = PageResponse(status: reply.status, headers: reply.headers, body: reply.body)
        }
        if let setCookie = response.headers.first(name: .setCookie), setCookie.hasPrefix(WebSession.cookieName + "=") {
            let pair = String(setCookie.split(separator: ";")[0])
            cookie = pair == WebSession.cookieName + "=" ? nil : pair
        }
        lastBody = response.body.string
        if let match = lastBody.firstMatch(of: /name="_csrf" value="([^"]+)"/) { csrf = String(match.1) }
        return response
    }

    private static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
