import CRMCore
import Fluent
import Vapor

/// The start page after signing in, and the shared stylesheet.
enum HomeArea: Area {
    static let migrations: [any Migration] = []

    static func routes(_ routes: AreaRoutes) throws {
        routes.pages.get(Site.home, use: home)
        routes.root.get("assets", .anything) { request -> Response in
            if request.url.path == Stylesheet.path { return Stylesheet.response() }
            guard let script = PageScript.all.first(where: { $0.path == request.url.path }) else { throw APIError.notFound("This file") }
            return script.response()
        }
    }

    /// The start page: who you are and where to go.
    @Sendable static func home(_ request: Request) async throws -> Response {
        let user = try request.user
        let model = HomePage.Model(name: user.name, role: user.role, tiles: try await request.application.contributions.homeTiles(request))
        return HomePage.render(model, PageContext(request)).response()
    }
}
