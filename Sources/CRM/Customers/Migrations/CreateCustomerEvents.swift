import Fluent
import SQLKit

struct CreateCustomerEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CustomerEvent.schema)
            .id()
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("summary", .string, .required)
            .field("actor_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("occurred_at", .datetime, .required)
            .create()
        try await database.sql
            .create(index: "customer_events_subject").on(CustomerEvent.schema)
            .column("subject_type").column("subject_id").column("occurred_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CustomerEvent.schema).delete()
    }
}
