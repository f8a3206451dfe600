import Fluent
import SQLKit

struct CreateOutboundMail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboundMail.schema)
            .id()
            .field("interaction_id", .uuid, .required, .references(Interaction.schema, "id", onDelete: .cascade))
            .field("recipients", .array(of: .string), .required)
            .field("message", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        // The retry run reads what is due; the outbox page lists by status.
        try await database.sql.create(index: "outbound_mail_due").on(OutboundMail.schema)
            .column("status").column("next_attempt_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboundMail.schema).delete()
    }
}
