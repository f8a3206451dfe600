import Fluent
import SQLKit

struct CreateContacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Contact.schema)
            .id()
            .field("account_id", .uuid, .references(Account.schema, .id, onDelete: .setNull))
            .field("given_name", .string)
            .field("family_name", .string)
            .field("display_name", .string, .required)
            .field("title", .string)
            .field("department", .string)
            .field("preferred_channel", .string)
            .field("buying_role", .string)
            .field("profile", .json, .required)
            .field("social_profiles", .array(of: .json), .required)
            .field("language", .string)
            .field("may_email", .bool, .required)
            .field("may_call", .bool, .required)
            .field("may_market", .bool, .required)
            .field("owner_id", .uuid, .required, .references(User.schema, .id))
            .field("tags", .array(of: .string), .required)
            .field("created_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("updated_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("archived_at", .datetime)
            .field("version", .int, .required)
            .create()
        let sql = database.sql
        try await sql.create(index: "contacts_display_name_id").on(Contact.schema).column("display_name").column("id").run()
        try await sql.create(index: "contacts_updated_at_id").on(Contact.schema).column("updated_at").column("id").run()
        try await sql.create(index: "contacts_account_id").on(Contact.schema).column("account_id").run()
        try await sql.create(index: "contacts_owner_id").on(Contact.schema).column("owner_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).delete()
    }
}
