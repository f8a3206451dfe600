import Fluent
import SQLKit

/// Each revision of an order's lines before it shipped: who, when, why, and what changed.
struct CreateOrderRevisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrderRevisionEntry.schema)
            .id()
            .field("order_id", .uuid, .required, .references(Order.schema, .id, onDelete: .cascade))
            .field("revised_at", .datetime, .required)
            .field("revised_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("reason", .string)
            .field("changes", .array(of: .string), .required)
            .field("previous_revenue_minor", .int64, .required)
            .field("revenue_minor", .int64, .required)
            .create()
        try await database.sql.create(index: "order_revisions_order").on(OrderRevisionEntry.schema).column("order_id").column("revised_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrderRevisionEntry.schema).delete()
    }
}
