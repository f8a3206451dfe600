import Fluent
import SQLKit

struct CreateCompetitorEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CompetitorEntry.schema)
            .id()
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("competitor", .string, .required)
            .field("product", .string)
            .field("satisfaction", .int)
            .field("competitor_rep", .string)
            .field("rep_relationship", .string)
            .field("notes", .string)
            .field("learned_on", .string)
            .field("created_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await database.sql
            .create(index: "competitor_entries_account_id").on(CompetitorEntry.schema).column("account_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CompetitorEntry.schema).delete()
    }
}
