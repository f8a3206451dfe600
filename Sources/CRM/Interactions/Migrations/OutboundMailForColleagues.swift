import Fluent
import SQLKit

/// Mail to colleagues (task reminders, SLA warnings) goes through the outbox too, so it is retried and shown like
/// customer mail; it logs no interaction, so `interaction_id` becomes optional, and such mail keeps its own subject
/// and the user it is for.
struct OutboundMailForColleagues: AsyncMigration {
    func prepare(on database: any Database) async throws {
        if database.sql.dialect.name == "sqlite" {
            // SQLite cannot drop NOT NULL from a column: the table is built again and its rows copied.
            try await rebuild(on: database, interactionRequired: false)
        } else {
            try await database.sql.raw("ALTER TABLE outbound_mail ALTER COLUMN interaction_id DROP NOT NULL").run()
            try await database.schema(OutboundMail.schema)
                .field("subject", .string)
                .field("to_user_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
                .update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sql.delete(from: OutboundMail.schema).where("interaction_id", .is, SQLLiteral.null).run()
        if database.sql.dialect.name == "sqlite" {
            try await rebuild(on: database, interactionRequired: true)
        } else {
            try await database.schema(OutboundMail.schema).deleteField("subject").deleteField("to_user_id").update()
            try await database.sql.raw("ALTER TABLE outbound_mail ALTER COLUMN interaction_id SET NOT NULL").run()
        }
    }

    private func rebuild(on database: any Database, interactionRequired: Bool) async throws {
        let kept = ["id", "interaction_id", "recipients", "message", "status", "attempts", "next_attempt_at", "last_error", "sent_at", "created_at"]
        try await database.transaction { db in
            var table = db.schema("outbound_mail_rebuilt").id()
            table = interactionRequired
                ? table.field("interaction_id", .uuid, .required, .references(Interaction.schema, "id", onDelete: .cascade))
                : table.field("interaction_id", .uuid, .references(Interaction.schema, "id", onDelete: .cascade))
            table = table
                .field("recipients", .array(of: .string), .required)
                .field("message", .string, .required)
                .field("status", .string, .required)
                .field("attempts", .int, .required)
                .field("next_attempt_at", .datetime)
                .field("last_error", .string)
                .field("sent_at", .datetime)
                .field("created_at", .datetime, .required)
            if !interactionRequired {
                table = table.field("subject", .string).field("to_user_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            }
            try await table.create()
            let columns = SQLQueryString(kept.map { "\"\($0)\"" }.joined(separator: ", "))
            try await db.sql.raw("INSERT INTO outbound_mail_rebuilt (\(columns)) SELECT \(columns) FROM outbound_mail").run()
            try await db.sql.raw("DROP TABLE outbound_mail").run()
            try await db.sql.raw("ALTER TABLE outbound_mail_rebuilt RENAME TO outbound_mail").run()
            try await db.sql.create(index: "outbound_mail_due").on(OutboundMail.schema).column("status").column("next_attempt_at").run()
        }
    }
}
