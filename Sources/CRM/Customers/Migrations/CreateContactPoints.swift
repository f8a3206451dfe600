import Fluent
import SQLKit

struct CreateContactPoints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactPoint.schema)
            .id()
            .field("account_id", .uuid, .references(Account.schema, .id, onDelete: .cascade))
            .field("contact_id", .uuid, .references(Contact.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("label", .string, .required)
            .field("value", .string, .required)
            .field("normalized", .string, .required)
            .field("position", .int, .required)
            .create()
        let sql = database.sql
        // Caller lookup: "who has this E.164 number?" must be one index probe.
        try await sql.create(index: "contact_points_kind_normalized").on(ContactPoint.schema).column("kind").column("normalized").run()
        try await sql.create(index: "contact_points_contact_id").on(ContactPoint.schema).column("contact_id").run()
        try await sql.create(index: "contact_points_account_id").on(ContactPoint.schema).column("account_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactPoint.schema).delete()
    }
}
