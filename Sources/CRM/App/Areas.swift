import Fluent
import Vapor

/// A domain area (Accounts, Customers, …): its migrations, routes and API description in one place,
/// so `configure` stays short and each area is found in its own folder.
protocol Area {
    static var migrations: [any Migration] { get }
    static var apiOperations: [APIOperation] { get }
    /// The JSON schemas its API operations refer to, by name.
    static var schemas: [(String, JSONSchema)] { get }
    /// Its `crm` subcommands, by name.
    static var commands: [(name: String, command: any AnyAsyncCommand)] { get }
    static func routes(_ routes: AreaRoutes) throws
    /// What the area offers the others (see `Contributions`).
    static func contribute(to contributions: inout Contributions)
}

extension Area {
    static var apiOperations: [APIOperation] { [] }
    static var schemas: [(String, JSONSchema)] { [] }
    static var commands: [(name: String, command: any AnyAsyncCommand)] { [] }
    static func contribute(to contributions: inout Contributions) {}
}

/// The route groups an area registers on, with authentication already applied.
struct AreaRoutes {
    /// Pages anyone may open (sign-in); sessions and CSRF checks are on.
    let publicPages: any RoutesBuilder
    /// Pages for signed-in users.
    let pages: any RoutesBuilder
    /// `/api/v1`, bearer token required.
    let api: any RoutesBuilder
    /// The bare application, for health checks and assets.
    let root: any RoutesBuilder
}

enum Areas {
    static var all: [any Area.Type] { [AuthArea.self, CustomersArea.self, PipelineArea.self, SalesArea.self, InteractionsArea.self, TasksArea.self, ServiceArea.self, LoyaltyArea.self, JobsArea.self, HealthArea.self, HomeArea.self, OpenAPIArea.self] }

    static var apiOperations: [APIOperation] { all.flatMap { $0.apiOperations } }

    static func registerContributions(on app: Application) {
        app.contributions = contributions
    }

    /// What every area contributes; the same for every application, so the API description can read it too.
    static let contributions: Contributions = {
        var contributions = Contributions()
        for area in all { area.contribute(to: &contributions) }
        return contributions
    }()

    static func registerRoutes(on app: Application) throws {
        let web = app.grouped(app.sessions.middleware, SessionUserAuthenticator(), CSRFMiddleware())
        let routes = AreaRoutes(
            publicPages: web,
            pages: web.grouped(RequireSignedInPage()),
            api: app.grouped("api", "v1").grouped(BearerTokenAuthenticator(), RequireAPIUser()),
            root: app
        )
        for area in all { try area.routes(routes) }
    }

    static func registerCommands(on app: Application) {
        app.asyncCommands.use(MigratingServeCommand(), as: "serve", isDefault: true)
        for area in all {
            for (name, command) in area.commands { app.asyncCommands.use(command, as: name) }
        }
        // Tools over every area: demo data and benchmarks.
        app.asyncCommands.use(DemoCommand(), as: "demo")
        app.asyncCommands.use(BenchCommand(), as: "bench")
    }
}
