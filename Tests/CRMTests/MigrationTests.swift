import Fluent
import SQLKit
import Testing
import VaporTesting
@testable import CRM

@Suite struct MigrationTests {
    @Test func migrationsRunUpDownAndUpAgain() async throws {
        try await withTestApp(migrate: false) { app in
            try await app.autoMigrate()
            try await app.makeUser("ona@example.lt")

            try await app.autoRevert()
            await #expect(throws: (any Error).self) { try await User.query(on: app.db).count() }

            try await app.autoMigrate()
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }
}

@Suite struct TestDatabaseTests {
    @Test func testsRunOnTheDatabaseCIAskedFor() async throws {
        try await withTestApp { app in
            #expect(app.db is any SQLDatabase)
            #expect((app.db as? any SQLDatabase)?.dialect.name == (isPostgresRun ? "postgresql" : "sqlite"))
        }
    }
}
