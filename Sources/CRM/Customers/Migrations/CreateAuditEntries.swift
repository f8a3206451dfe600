import Fluent

struct CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("actor_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("action", .string, .required)
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("summary", .string, .required)
            .field("occurred_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
