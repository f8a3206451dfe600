import Fluent
import SQLKit
import Testing
import VaporTesting
@testable import CRM

@Suite struct CustomerBenchmarkTests {
    func indexNames(_ app: Application) async throws -> [String] {
        let sql = app.db.sql
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name"
            : "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"
        return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }

    @Test func theBenchmarkLoadsAnEmptyDatabaseThenAnswersOverHTTP() async throws {
        try await withTestApp { app in
            let before = try await indexNames(app)
            app.environment.arguments = ["crm", "bench", "customers", "--contacts", "60", "--requests", "30"]
            try await app.startup()

            #expect(try await Contact.query(on: app.db).count() == 60)
            #expect(try await Account.query(on: app.db).count() == 6)
            #expect(try await ContactPoint.query(on: app.db).count() == 60 * 2 + 6)
            #expect(try await indexNames(app) == before, "indexes and triggers are back after the load")

            // Rows written in bulk read back through the models like rows the app wrote.
            let contact = try #require(try await Contact.query(on: app.db).with(\.$account).sort(\.$id).first())
            #expect(contact.tags == [] && contact.socialProfiles == [] && contact.createdAt != nil && contact.account != nil)
            #expect(try contact.givenName == CustomerBenchmark.person(0).given)

            // Loaded customers are found like any others, also through the rebuilt substring index.
            let person = try CustomerBenchmark.person(7)
            let search = CustomerSearch(db: app.db)
            #expect(try await search.search(person.email, limit: 5, offset: 0).hits.first?.name == person.display)
            #expect(try await search.search(String(person.phone.e164.suffix(9)), limit: 50, offset: 0).hits.map(\.name).contains(person.display))
            #expect(try await CallerLookup(db: app.db).find(person.phone).matches.map(\.name) == [person.display])

            app.environment.arguments = ["crm", "bench", "customers", "--contacts", "10"]
            await #expect { try await app.startup() } throws: { error in "\(error)".contains("empty scratch database") }
            #expect(try await Contact.query(on: app.db).count() == 60)
        }
    }

    /// A SQLite file loads in rollback-journal mode, which needs the other connections closed, and is back in WAL after.
    @Test func aSQLiteFileLoadsOutsideTheWriteAheadLogAndReturnsToIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crm-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestApp(database: .sqliteFile(path: folder.appendingPathComponent("bench.sqlite").path)) { app in
            let sql = app.db.sql
            // Another connection is open, as in a running server; the load must still leave WAL.
            _ = try await sql.raw("PRAGMA journal_mode").all()
            app.environment.arguments = ["crm", "bench", "customers", "--contacts", "40", "--requests", "5"]
            try await app.startup()

            #expect(try await Contact.query(on: app.db).count() == 40)
            let mode = try await app.db.sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            #expect(mode == "wal")
        }
    }
}
