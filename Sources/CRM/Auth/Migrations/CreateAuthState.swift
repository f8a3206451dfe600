import Fluent
import SQLKit

/// One row whose `generation` moves whenever a user or a token changes, so every process caching sign-ins
/// (see `AuthCache`) learns to forget them.
struct CreateAuthState: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuthCache.stateTable)
            .field("id", .int, .identifier(auto: false))
            .field("generation", .int64, .required)
            .create()
        try await database.sql.insert(into: AuthCache.stateTable).columns("id", "generation").values(SQLLiteral.numeric("1"), SQLLiteral.numeric("0")).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuthCache.stateTable).delete()
    }
}
