import Fluent
import Vapor

/// Authenticates API requests by `Authorization: Bearer <token>`; the API takes no cookies, so it needs no CSRF check.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard let token = try await APIToken.query(on: request.db)
            .filter(\.$tokenHash == APIToken.digest(bearer.token))
            .with(\.$user)
            .first(),
            !token.user.isDisabled
        else { return }
        request.auth.login(token.user)
        // Coarse on purpose: one write per token per hour, not per request.
        let now = request.now
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 3600 }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: request.db)
        }
    }
}

struct RequireAPIUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else { throw APIError.unauthorized }
        return try await next.respond(to: request)
    }
}
