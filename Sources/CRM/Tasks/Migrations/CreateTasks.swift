import Fluent
import SQLKit

/// Tasks with their assignee, due time and related records; each user's reminder and calendar-feed settings.
struct CreateTasks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tasks")
            .id()
            .field("title", .string, .required)
            .field("notes", .string)
            .field("kind", .string, .required)
            .field("priority", .string, .required)
            .field("status", .string, .required)
            .field("due_on", .string, .required)
            .field("due_time", .string)
            .field("due_at", .datetime, .required)
            .field("assignee_id", .uuid, .required, .references("users", "id"))
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("contact_id", .uuid, .references("contacts", "id", onDelete: .setNull))
            .field("deal_id", .uuid, .references("opportunities", "id", onDelete: .setNull))
            .field("order_id", .uuid, .references("orders", "id", onDelete: .setNull))
            .field("outcome", .string)
            .field("done_at", .datetime)
            .field("done_by_id", .uuid, .references("users", "id"))
            .field("interaction_id", .uuid)
            .field("source_interaction_id", .uuid)
            .field("reminded_at", .datetime)
            .field("created_by_id", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("version", .int, .required)
            .unique(on: "source_interaction_id")
            .create()
        // My day: one user's open tasks by due time; cards: a record's open tasks.
        try await database.sql.create(index: "tasks_assignee_status_due").on("tasks").column("assignee_id").column("status").column("due_at").run()
        try await database.sql.create(index: "tasks_account").on("tasks").column("account_id").run()
        try await database.sql.create(index: "tasks_contact").on("tasks").column("contact_id").run()
        try await database.sql.create(index: "tasks_deal").on("tasks").column("deal_id").run()
        // Reminders: open tasks due and not yet reminded.
        try await database.sql.create(index: "tasks_status_reminded_due").on("tasks").column("status").column("reminded_at").column("due_at").run()

        try await database.schema("task_preferences")
            .field("user_id", .uuid, .identifier(auto: false), .references("users", "id", onDelete: .cascade))
            .field("email_reminders", .bool, .required)
            .field("feed_token_hash", .string)
            .field("feed_created_at", .datetime)
            .unique(on: "feed_token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("task_preferences").delete()
        try await database.schema("tasks").delete()
    }
}
