import Fluent
import SQLKit
import Vapor

/// Probes for load balancers and orchestrators: `/healthz` says the process answers, `/readyz` that the database does.
enum HealthArea: Area {
    static let migrations: [any Migration] = []

    struct Status: Content {
        let status: String
        var database: String? = nil
    }

    static func routes(_ routes: AreaRoutes) throws {
        routes.root.get("healthz") { _ in Status(status: "ok") }
        routes.root.get("readyz", use: ready)
    }

    /// Answers 503 while the database cannot be reached.
    @Sendable static func ready(_ request: Request) async throws -> Response {
        do {
            try await request.db.sql.raw("SELECT 1").run()
            return try await Status(status: "ok", database: "ok").encodeResponse(for: request)
        } catch {
            request.logger.warning("Database not reachable: \(String(describing: error))")
            let response = try await Status(status: "unavailable", database: "unreachable").encodeResponse(for: request)
            response.status = .serviceUnavailable
            return response
        }
    }
}
