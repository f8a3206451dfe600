import CRMCore
import Fluent
import SQLKit
import Vapor

/// Tasks kept by programmes (`Contributions.ProgrammeTasks`): the open one per programme and account is found by the
/// unique index on them, changed only when its day, title, notes or assignee moved, and closed by the CRM itself.
enum ProgrammeTaskBook {
    static let contribution = Contributions.ProgrammeTasks(keep: keep, tasks: tasks, close: close)

    /// A constant number of statements per 500 tasks (assignees, the open tasks, one insert), plus a write for each
    /// open task whose day, title, notes or assignee moved.
    @Sendable static func keep(_ wanted: [Contributions.ProgrammeTask], db: any Database, now: Date) async throws -> Int {
        var opened = 0
        for chunk in wanted.chunked(500) { opened += try await keepChunk(Array(chunk), db: db, now: now) }
        return opened
    }

    private static func keepChunk(_ wanted: [Contributions.ProgrammeTask], db: any Database, now: Date) async throws -> Int {
        guard !wanted.isEmpty else { return 0 }
        let zones = Dictionary(try await User.query(on: db).filter(\.$id ~~ Set(wanted.map(\.assigneeID))).all()
            .map { (try $0.requireID(), TimeZone(identifier: $0.timeZone) ?? .gmt) }, uniquingKeysWith: { first, _ in first })
        let existing = try await openTasks(of: wanted, db: db)
        var new = [TaskItem]()
        for task in wanted {
            guard let zone = zones[task.assigneeID] else { throw APIError.notFound("The task's assignee") }
            let due = TaskDue(day: task.dueOn, minuteOfDay: nil, timeZone: zone).instant
            if let open = existing[Key(task)] {
                guard open.dueOn != task.dueOn.description || open.title != task.title || open.notes != task.notes
                        || open.$assignee.id != task.assigneeID || open.dueAt != due else { continue }
                (open.dueOn, open.dueAt, open.title, open.notes) = (task.dueOn.description, due, task.title, task.notes)
                open.$assignee.id = task.assigneeID
                open.remindedAt = nil
                open.updatedAt = now
                open.version += 1
                try await open.save(on: db)
                continue
            }
            let item = TaskItem()
            (item.title, item.notes, item.kind, item.priority, item.status) = (task.title, task.notes, task.kind.rawValue, TaskPriority.normal.rawValue, TaskStatus.open.rawValue)
            (item.dueOn, item.dueTime, item.dueAt) = (task.dueOn.description, nil, due)
            item.$assignee.id = task.assigneeID
            item.accountID = task.accountID
            item.programme = task.programme
            // Set by the CRM in the assignee's name, as follow-ups are: nobody else stands behind it.
            item.$createdBy.id = task.assigneeID
            (item.createdAt, item.updatedAt, item.version) = (now, now, 1)
            new.append(item)
        }
        guard !new.isEmpty else { return 0 }
        do {
            try await new.create(on: db)
            return new.count
        } catch {
            // Another run (the hourly job beside a plan being saved) opened some of them a moment ago and the unique
            // index refused the batch: those still missing are inserted. Inside a PostgreSQL transaction the failed
            // statement ends the transaction, and the caller's work fails as a whole, to be tried again.
            let opened = try await openTasks(of: wanted, db: db)
            let missing = new.filter { task in task.programme.flatMap { programme in task.accountID.map { opened[Key(programme: programme, accountID: $0)] == nil } } ?? true }
            guard missing.count < new.count else { throw error }
            try await missing.create(on: db)
            return missing.count
        }
    }

    private struct Key: Hashable {
        let programme: String
        let accountID: UUID
        init(_ task: Contributions.ProgrammeTask) { (programme, accountID) = (task.programme, task.accountID) }
        init(programme: String, accountID: UUID) { (self.programme, self.accountID) = (programme, accountID) }
    }

    private static func openTasks(of wanted: [Contributions.ProgrammeTask], db: any Database) async throws -> [Key: TaskItem] {
        let rows = try await TaskItem.query(on: db).filter(\.$programme ~~ Set(wanted.map(\.programme)))
            .filter(\.$accountID ~~ Set(wanted.map(\.accountID))).filter(\.$status == TaskStatus.open.rawValue).all()
        return Dictionary(rows.compactMap { task in task.programme.flatMap { programme in task.accountID.map { (Key(programme: programme, accountID: $0), task) } } },
                          uniquingKeysWith: { first, _ in first })
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
