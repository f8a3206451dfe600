import Fluent
import SQLKit

struct CreateContactCapRules: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactCapRule.schema)
            .id()
            .field("contact_id", .uuid, .references(Contact.schema, "id", onDelete: .cascade))
            .field("channel", .string)
            .field("max_contacts", .int, .required)
            .field("days", .int, .required)
            .create()
        try await database.sql.create(index: "contact_cap_rules_contact").on(ContactCapRule.schema).column("contact_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContactCapRule.schema).delete()
    }
}
