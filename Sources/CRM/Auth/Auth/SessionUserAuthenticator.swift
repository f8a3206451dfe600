import CRMCore
import Fluent
import Vapor

/// Signs in the session's user on every page request; a user disabled meanwhile is signed out at once.
struct SessionUserAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Reading `session` would create one; visitors without a cookie get none until a form needs it.
        if request.hasSession, let raw = request.session.data[WebSession.userKey], let id = UUID(uuidString: raw) {
            if let user = try await request.application.authCache.activeUser(id, on: request.db) {
                request.auth.login(user)
            } else {
                request.session.data[WebSession.userKey] = nil
            }
        }
        return try await next.respond(to: request)
    }
}

/// Sends visitors who are not signed in to the sign-in page, remembering where they wanted to go.
struct RequireSignedInPage: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else {
            var target = request.url.path
            if let query = request.url.query { target += "?" + query }
            let next = target == "/" ? "" : "?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return request.redirect(to: Site.signIn() + next)
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The signed-in user; routes behind the sign-in guards always have one.
    var user: User {
        get throws {
            guard let user = auth.get(User.self) else { throw APIError.unauthorized }
            return user
        }
    }

    func requireRole(_ allowed: (Role) -> Bool) throws -> User {
        let user = try self.user
        guard allowed(user.role) else { throw APIError.forbidden }
        return user
    }
}
