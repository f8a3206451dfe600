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
        // Middleware runs before the route collects the body: over a socket, a longer form is still arriving
        // (only the first kilobytes come with the head). The token is read from the whole body, collected here
        // within the route's own limit; the route then finds the body already collected.
        if request.body.data == nil {
            _ = try await request.body.collect(max: FormBodyLimit.of(request).value).get()
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

/// The largest body a page route takes. A route keeps no record of its body strategy, and the CSRF check
/// collects the body before the route does, so an upload page registers its limit here as well.
enum FormBodyLimit {
    private static let key: AnySendableHashable = "crm.formBodyLimit"

    static func of(_ request: Request) -> ByteCount {
        (request.route?.userInfo[key] as? ByteCount) ?? request.application.routes.defaultMaxBodySize
    }

    /// A page route that takes an upload of up to `maxSize`.
    @discardableResult
    static func upload(_ routes: any RoutesBuilder, _ path: PagePath, maxSize: ByteCount,
                       use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let route = routes.on(.POST, path.components, body: .collect(maxSize: maxSize), use: handler)
        route.userInfo[key] = maxSize
        return route
    }
}
