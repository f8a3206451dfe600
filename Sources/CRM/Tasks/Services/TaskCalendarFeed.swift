import CRMCore
import Fluent
import SQLKit
import Vapor

/// A user's tasks as an iCalendar feed: open ones, and those finished in the last two weeks (so a calendar shows
/// them struck off rather than vanishing). Each task is one event; a change raises its `SEQUENCE`.
enum TaskCalendarFeed {
    static let keptDays = 14
    static let most = 2_000

    static func calendar(for userID: UUID, name: String, baseURL: String, now: Date, on db: any Database) async throws -> ICalendar {
        let since = now.addingTimeInterval(-Double(keptDays) * 86_400)
        let tasks = try await TaskRows.dtos(TaskRows.select(on: db).where("assignee_id", .equal, SQLBind(userID))
            .where { $0.where("status", .equal, SQLBind(TaskStatus.open.rawValue)).orWhere("done_at", .greaterThanOrEqual, SQLBind(since)) }
            .orderBy("due_at").limit(most), on: db)
        let events = tasks.map { task in
            let about = [task.contact?.name, task.account?.name, task.deal.map { "deal \($0.name)" }].compactMap { $0 }.joined(separator: " · ")
            let description = [about.isEmpty ? nil : about, task.notes, task.outcome.map { "Outcome: " + $0 }].compactMap { $0 }.joined(separator: "\n\n")
            let day = CalendarDate(task.dueOn) ?? TaskDue.day(of: task.dueAt, in: .gmt)
            let prefix = task.status == TaskStatus.done.rawValue ? "✓ " : ""
            return ICalendar.Event(uid: "task-\(task.id.uuidString.lowercased())@crm", when: task.dueTime == nil ? .allDay(day) : .timed(start: task.dueAt, minutes: 30),
                                   summary: prefix + (TaskKind(rawValue: task.kind).map { $0 == .todo ? "" : $0.label + ": " } ?? "") + task.title,
                                   description: description.isEmpty ? nil : description, url: baseURL + Site.task(task.id),
                                   cancelled: task.status == TaskStatus.cancelled.rawValue, sequence: task.version, lastModified: task.updatedAt)
        }
        return ICalendar(name: "CRM tasks: \(name)", events: events)
    }
}
