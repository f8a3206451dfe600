import Fluent
import SQLKit

struct CreateStoredSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredSession.schema)
            .id()
            .field("key_hash", .string, .required)
            .field("data", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "key_hash")
            .create()
        try await database.sql
            .create(index: "web_sessions_expires_at").on(StoredSession.schema).column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoredSession.schema).delete()
    }
}
