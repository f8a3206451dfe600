import Fluent
import SQLKit

/// Tasks a programme keeps (a revisit plan, the reorder reminders) carry its name; the database holds at most one
/// open task per programme and account, so a repeated or concurrent run cannot make a second.
struct AddTaskProgrammes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tasks").field("programme", .string).update()
        try await database.sql.raw("""
            CREATE UNIQUE INDEX tasks_programme_open ON tasks (programme, account_id) WHERE status = 'open' AND programme IS NOT NULL
            """).run()
        try await database.sql.create(index: "tasks_programme").on("tasks").column("programme").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "tasks_programme").run()
        try await database.sql.drop(index: "tasks_programme_open").run()
        try await database.schema("tasks").deleteField("programme").update()
    }
}
