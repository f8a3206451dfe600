import CRMCore
import Vapor

/// Every form that changes data carries the session's CSRF token in `_csrf`; a request
/// from another site cannot read it, so it cannot forge the form.
enum CSRF {
    static let fieldName = "_csrf"

    static func newToken() -> String { SecretGenerator.urlSafe() }

    /// The session's token, created on first use.
    static func token(for request: Request) -> String {
        if let token = request.session.data[WebSession.csrfKey] { return token }
        let token = newToken()
        request.session.data[WebSession.csrfKey] = token
        return token
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method) else {
            return try await next.respond(to: request)
        }
        let sent = try? request.content.get(String.self, at: CSRF.fieldName)
        guard request.hasSession, let expected = request.session.data[WebSession.csrfKey], let sent,
              Self.constantTimeEqual(Array(sent.utf8), Array(expected.utf8)) else {
            throw APIError(.forbidden, code: "csrf_failed", message: "This form has expired or did not come from this site. Go back, reload the page and try again.")
        }
        return try await next.respond(to: request)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
