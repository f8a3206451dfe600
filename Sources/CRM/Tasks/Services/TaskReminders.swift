import CRMCore
import Fluent
import SQLKit
import Vapor

/// Every five minutes: the open tasks that have fallen due since the last run are marked reminded (so *my day* and
/// the home page show them), and people who asked for it get one email listing theirs through the outbox, which
/// retries a mail server that is down without reminding twice.
enum TaskReminders {
    static let kind = JobKind(name: "tasks.remind", summary: "Remind people of tasks that have fallen due", maxAttempts: 1, schedule: "*/5 * * * *") { run in
        try await remind(now: run.now, app: run.app)
    }

    /// Marks due tasks reminded and queues the emails; in one transaction, so a run that dies half-way reminds nobody twice.
    static func remind(now: Date, app: Application) async throws {
        try await app.db.transaction { db in
            let due = try await db.sql.update(TaskItem.schema).set("reminded_at", to: SQLBind(now))
                .where("status", .equal, SQLBind(TaskStatus.open.rawValue)).where("reminded_at", .is, SQLLiteral.null)
                .where("due_at", .lessThanOrEqual, SQLBind(now))
                .returning("id", "assignee_id", "title", "due_on", "due_time").all()
            var byUser: [UUID: [String]] = [:]
            for row in due {
                let time = try row.decode(column: "due_time", as: String?.self)
                byUser[try row.decode(column: "assignee_id", as: UUID.self), default: []]
                    .append(try row.decode(column: "title", as: String.self) + " (" + (try row.decode(column: "due_on", as: String.self)) + (time.map { " " + $0 } ?? "") + ")")
            }
            guard let mail = app.contributions.colleagueMail else { return }
            for userID in try await TaskPreferences(db: db).emailReminderUsers(among: Set(byUser.keys)) {
                let lines = Array(byUser[userID, default: []].prefix(50))
                let subject = lines.count == 1 ? "Task due: \(lines[0])" : "\(lines.count) tasks due"
                let body = "Due now:\n\n" + lines.map { "- " + $0 }.joined(separator: "\n") + "\n\nSee them on My day in the CRM.\n"
                _ = try await mail(userID, subject, body, db, app)
            }
        }
    }
}
