import Fluent
import Vapor

/// Authenticates API requests by `Authorization: Bearer <token>`; the API takes no cookies, so it needs no CSRF check.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let digest = APIToken.digest(bearer.token)
        let cache = request.application.authCache
        guard let (user, token) = try await cache.tokenUser(digest: digest, on: request.db) else { return }
        request.auth.login(user)
        try await cache.noteUse(of: token, digest: digest, at: request.now, on: request.db)
    }
}

struct RequireAPIUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else { throw APIError.unauthorized }
        return try await next.respond(to: request)
    }
}
