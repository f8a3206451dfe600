import Fluent
import SQLKit

/// Holiday greetings: the greetings with their texts, what each did per contact, and imported holiday calendars.
struct CreateGreetings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Greeting.schema)
            .id()
            .field("holiday_day", .string, .required)
            .field("holiday_name", .string, .required)
            .field("calendar", .string, .required)
            .field("country", .string)
            .field("send_on", .string, .required)
            .field("fallback_language", .string, .required)
            .field("status", .string, .required)
            .field("created_by_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        try await database.schema(GreetingText.schema)
            .id()
            .field("greeting_id", .uuid, .required, .references(Greeting.schema, "id", onDelete: .cascade))
            .field("language", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .unique(on: "greeting_id", "language")
            .create()
        try await database.schema(GreetingSend.schema)
            .id()
            .field("greeting_id", .uuid, .required, .references(Greeting.schema, "id", onDelete: .cascade))
            .field("occasion", .string, .required)
            .field("contact_id", .uuid, .required, .references("contacts", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("reason", .string)
            .field("language", .string)
            .field("interaction_id", .uuid)
            .field("at", .datetime, .required)
            .unique(on: "greeting_id", "contact_id")
            .create()
        // One greeting per contact and holiday, whichever greeting or run sends it.
        try await database.sql.raw("CREATE UNIQUE INDEX greeting_sends_once ON greeting_sends (occasion, contact_id) WHERE status = 'sent'").run()
        try await database.schema(ImportedHoliday.schema)
            .id()
            .field("calendar", .string, .required)
            .field("day", .string, .required)
            .field("name", .string, .required)
            .field("imported_at", .datetime, .required)
            .unique(on: "calendar", "day", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportedHoliday.schema).delete()
        try await database.schema(GreetingSend.schema).delete()
        try await database.schema(GreetingText.schema).delete()
        try await database.schema(Greeting.schema).delete()
    }
}
