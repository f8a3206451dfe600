import CRMCore
import Fluent
import SQLKit
import Vapor

/// Every five minutes: the open tasks that have fallen due since the last run are marked reminded (so *my day* and
/// the home page show them), and people who asked for it get one email listing theirs, sent by its own job so a
/// mail server that is down is retried without reminding twice.
enum TaskReminders {
    static let kind = JobKind(name: "tasks.remind", summary: "Remind people of tasks that have fallen due", maxAttempts: 1, schedule: "*/5 * * * *") { run in
        try await remind(now: run.now, app: run.app)
    }

    struct Email: Codable, Sendable {
        let userID: UUID
        let lines: [String]
    }

    static let emailKind = JobKind(name: "tasks.remind.email", summary: "Email one person the tasks that fell due", maxAttempts: 5) { run in
        let email = try run.decode(Email.self)
        guard let user = try await User.find(email.userID, on: run.db), !user.isDisabled, let send = run.app.contributions.colleagueMail else { return }
        let subject = email.lines.count == 1 ? "Task due: \(email.lines[0])" : "\(email.lines.count) tasks due"
        let body = "Due now:\n\n" + email.lines.map { "- " + $0 }.joined(separator: "\n") + "\n\nSee them on My day in the CRM.\n"
        try await send(user.email, user.name, subject, body, run.app)
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
            let wanting = try await TaskPreferences(db: db).emailReminderUsers(among: Set(byUser.keys))
            for userID in wanting {
                try await JobQueue(db: db).enqueue(emailKind.name, payload: Email(userID: userID, lines: Array(byUser[userID, default: []].prefix(50))),
                                                   due: now, now: now, maxAttempts: emailKind.maxAttempts)
            }
        }
    }
}
