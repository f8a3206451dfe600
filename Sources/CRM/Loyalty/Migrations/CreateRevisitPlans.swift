import Fluent

/// Revisit plans; the tasks they keep live with the other tasks, named by the plan (`revisit:<plan id>`).
struct CreateRevisitPlans: AsyncMigration {
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
    }

    func revert(on database: any Database) async throws {
        try await database.schema("revisit_plans").delete()
    }
}
