import CRMCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CRM

/// Runs `body` against a fully configured app on a database of its own: a fresh SQLite file,
/// or, when `CRM_TEST_DATABASE_URL` names a PostgreSQL server, a fresh schema there.
/// `database` overrides the test database (for example with a SQLite file, to test what only files do).
func withTestApp(migrate: Bool = true, database: DatabaseLocation? = nil, _ body: (Application) async throws -> Void) async throws {
    TestLog.install
    let app = try await Application.make(.testing)
    var config = AppConfig(database: database ?? .sqliteMemory, bcryptCost: 4)
    if database == nil, let url = ProcessInfo.processInfo.environment["CRM_TEST_DATABASE_URL"], !url.isEmpty {
        config.database = try DatabaseLocation.parse(url)
        config.postgresSchema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
    do {
        try await configure(app, config: config)
        if migrate { try await app.autoMigrate() }
        try await body(app)
    } catch {
        // PostgreSQL's errors hide their details from their description; the reflection shows them.
        if isPostgresRun { print("withTestApp: \(String(reflecting: error))") }
        await tearDown(app, config: config)
        throw error
    }
    await tearDown(app, config: config)
}

private func tearDown(_ app: Application, config: AppConfig) async {
    if app.storage[ServingKey.self] == true { await app.server.shutdown() }
    if let schema = config.postgresSchema, let sql = app.db as? any SQLDatabase {
        try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
}

var isPostgresRun: Bool {
    !(ProcessInfo.processInfo.environment["CRM_TEST_DATABASE_URL"] ?? "").isEmpty
}

extension Application {
    /// A user with a known password, for tests that sign in.
    @discardableResult
    func makeUser(_ email: String, role: Role = .sales, name: String? = nil) async throws -> (user: User, password: String) {
        let created = try await users.create(.init(email: email, name: name ?? email, role: role.rawValue))
        return (created.user, created.password)
    }

    /// A user and an API token of theirs.
    func makeTokenUser(_ email: String, role: Role = .sales) async throws -> (user: User, token: String) {
        let (user, _) = try await makeUser(email, role: role)
        return (user, try await TokenIssuer.issue(for: user, name: "test", on: db))
    }
}

extension HTTPHeaders {
    static func bearer(_ token: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: token)
        return headers
    }
}

extension Application {
    /// Serves the app on a free loopback port, for tests that must go through a real socket; the port it took.
    func startServer() async throws -> Int {
        http.server.configuration.hostname = "127.0.0.1"
        http.server.configuration.port = 0
        try await server.start(address: .hostname("127.0.0.1", port: 0))
        storage[ServingKey.self] = true
        return try #require(http.server.shared.localAddress?.port)
    }
}

/// Set when a test started the HTTP server, which must be shut down before the application.
private struct ServingKey: StorageKey { typealias Value = Bool }
