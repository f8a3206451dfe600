import Fluent
import Vapor

/// The start page after signing in, and the shared stylesheet.
enum HomeArea: Area {
    static let migrations: [any Migration] = []

    static func routes(_ routes: AreaRoutes) throws {
        routes.pages.get(use: home)
        routes.root.get("assets", .anything) { request -> Response in
            guard request.url.path == Stylesheet.path else { throw APIError.notFound("This file") }
            return Stylesheet.response()
        }
    }

    /// The start page: who you are and where to go.
    @Sendable static func home(_ request: Request) async throws -> Response {
        let user = try request.user
        return HomePage.render(.init(name: user.name, role: user.role), PageContext(request)).response()
    }
}
