import CRMCore
import Fluent
import SQLKit
import Vapor

/// Tasks kept by programmes (`Contributions.ProgrammeTasks`): the open one per programme and account is found by the
/// unique index on them, changed only when its day, title, notes or assignee moved, and closed by the CRM itself.
enum ProgrammeTaskBook {
    static let contribution = Contributions.ProgrammeTasks(keep: keep, tasks: tasks, close: close)

    @Sendable static func keep(_ wanted: Contributions.ProgrammeTask, db: any Database, now: Date) async throws -> Bool {
        guard let assignee = try await User.find(wanted.assigneeID, on: db) else { throw APIError.notFound("The task's assignee") }
        let existing = try await TaskItem.query(on: db).filter(\.$programme == wanted.programme).filter(\.$accountID == wanted.accountID)
            .filter(\.$status == TaskStatus.open.rawValue).first()
        let due = TaskDue(day: wanted.dueOn, minuteOfDay: nil, timeZone: TimeZone(identifier: assignee.timeZone) ?? .gmt).instant
        if let task = existing {
            guard task.dueOn != wanted.dueOn.description || task.title != wanted.title || task.notes != wanted.notes
                    || task.$assignee.id != wanted.assigneeID || task.dueAt != due else { return false }
            (task.dueOn, task.dueAt, task.title, task.notes) = (wanted.dueOn.description, due, wanted.title, wanted.notes)
            task.$assignee.id = wanted.assigneeID
            task.remindedAt = nil
            task.updatedAt = now
            task.version += 1
            try await task.save(on: db)
            return false
        }
        let task = TaskItem()
        (task.title, task.notes, task.kind, task.priority, task.status) = (wanted.title, wanted.notes, wanted.kind.rawValue, TaskPriority.normal.rawValue, TaskStatus.open.rawValue)
        (task.dueOn, task.dueTime, task.dueAt) = (wanted.dueOn.description, nil, due)
        task.$assignee.id = wanted.assigneeID
        task.accountID = wanted.accountID
        task.programme = wanted.programme
        // Set by the CRM in the assignee's name, as follow-ups are: nobody else stands behind it.
        task.$createdBy.id = wanted.assigneeID
        (task.createdAt, task.updatedAt, task.version) = (now, now, 1)
        do {
            try await task.create(on: db)
        } catch {
            // Another run (the hourly job beside a plan being saved) opened it a moment ago: the unique index kept one.
            let opened = try await TaskItem.query(on: db).filter(\.$programme == wanted.programme).filter(\.$accountID == wanted.accountID)
                .filter(\.$status == TaskStatus.open.rawValue).count()
            if opened == 1 { return false }
            throw error
        }
        return true
    }

    @Sendable static func tasks(_ programmes: [String], since: Date?, db: any Database) async throws -> [Contributions.ProgrammeTaskState] {
        guard !programmes.isEmpty else { return [] }
        let query = TaskItem.query(on: db).filter(\.$programme ~~ programmes)
        if let since { query.filter(\.$createdAt >= since) } else { query.filter(\.$status == TaskStatus.open.rawValue) }
        return try await query.sort(\.$createdAt).sort(\.$id).all().compactMap { task in
            guard let programme = task.programme, let accountID = task.accountID, let day = CalendarDate(task.dueOn),
                  let status = TaskStatus(rawValue: task.status) else { return nil }
            return .init(id: try task.requireID(), programme: programme, accountID: accountID, assigneeID: task.$assignee.id, status: status,
                         dueOn: day, createdAt: task.createdAt, doneAt: task.doneAt, outcome: task.outcome)
        }
    }

    @Sendable static func close(_ ids: [UUID], status: TaskStatus, outcome: String?, db: any Database, now: Date) async throws {
        guard !ids.isEmpty, status != .open else { return }
        for chunk in ids.chunked(500) {
            try await db.sql.update(TaskItem.schema).set("status", to: SQLBind(status.rawValue)).set("outcome", to: SQLBind(outcome))
                .set("done_at", to: SQLBind(now)).set("updated_at", to: SQLBind(now)).set(SQLIdentifier("version"), to: SQLRaw("version + 1"))
                .where("id", .in, SQLBind.group(Array(chunk))).where("status", .equal, SQLBind(TaskStatus.open.rawValue)).run()
        }
    }
}
