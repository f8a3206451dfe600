import Fluent
import SQLKit

struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Account.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("industry", .string)
            .field("size_band", .string)
            .field("website", .string)
            .field("parent_id", .uuid, .references(Account.schema, .id, onDelete: .setNull))
            .field("owner_id", .uuid, .required, .references(User.schema, .id))
            .field("addresses", .array(of: .json), .required)
            .field("business_notes", .string)
            .field("annual_volume_minor", .int64)
            .field("typical_price_minor", .int64)
            .field("currency", .string)
            .field("sales_goals", .string)
            .field("product_usage", .string)
            .field("tags", .array(of: .string), .required)
            .field("created_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("updated_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .field("version", .int, .required)
            .create()
        let sql = database.sql
        // Lists sort by name or by last change, filtered by owner; each keyset page is one index range.
        try await sql.create(index: "accounts_name_id").on(Account.schema).column("name").column("id").run()
        try await sql.create(index: "accounts_updated_at_id").on(Account.schema).column("updated_at").column("id").run()
        try await sql.create(index: "accounts_owner_id").on(Account.schema).column("owner_id").run()
        try await sql.create(index: "accounts_parent_id").on(Account.schema).column("parent_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).delete()
    }
}
