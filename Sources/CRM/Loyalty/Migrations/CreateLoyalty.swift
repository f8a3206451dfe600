import Fluent
import SQLKit

/// Revisit plans and the reorder reminders' settings; the tasks both keep live with the other tasks, named by their
/// programme (`revisit:<plan id>`, `reorder`).
struct CreateLoyalty: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("revisit_plans")
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("interval_days", .int, .required)
            .field("tier", .string)
            .field("tag", .string)
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .cascade))
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        // One row: how late against its own rhythm an account must be before its owner is reminded.
        try await database.schema("loyalty_settings")
            .field("id", .int, .identifier(auto: false))
            .field("reorder_margin_percent", .int, .required)
            .field("minimum_orders", .int, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("loyalty_settings").delete()
        try await database.schema("revisit_plans").delete()
    }
}
