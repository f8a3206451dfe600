import CRMCore
import Fluent
import Vapor

/// Writes tasks: checks, versioned changes, completion (recording the call or visit it was for, in the same
/// transaction) and cancelling; follow-up dates of interactions become tasks here too.
struct TaskStore {
    let db: any Database
    let actor: User
    let now: Date

    init(db: any Database, actor: User, now: Date) {
        (self.db, self.actor, self.now) = (db, actor, now)
    }

    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now)
    }

    static func load(_ id: UUID?, on db: any Database) async throws -> TaskItem {
        guard let id, let task = try await TaskItem.find(id, on: db) else { throw APIError.notFound("This task") }
        return task
    }

    func requireChange(_ task: TaskItem) throws {
        try requireChange(assigneeID: task.$assignee.id, creatorID: task.$createdBy.id)
    }

    func requireChange(_ task: TaskDTO) throws {
        try requireChange(assigneeID: task.assignee.id, creatorID: task.createdBy.id)
    }

    private func requireChange(assigneeID: UUID, creatorID: UUID) throws {
        guard TaskRules.canChange(role: actor.role, isAssignee: assigneeID == actor.id, isCreator: creatorID == actor.id) else {
            throw APIError(.forbidden, code: "forbidden", message: "Only the task's assignee, the person who set it, a manager or an admin can change it.")
        }
    }

    func create(_ input: TaskInput) async throws -> TaskItem {
        let task = TaskItem()
        task.$createdBy.id = try actor.requireID()
        task.createdAt = now
        task.status = TaskStatus.open.rawValue
        task.version = 1
        try await apply(input, to: task)
        try await task.create(on: db)
        return task
    }

    func update(_ task: TaskItem, with input: TaskInput, expectedVersion: Int) async throws {
        try requireChange(task)
        try await apply(input, to: task)
        try await db.transaction { db in
            try await VersionGuard.claim(table: TaskItem.schema, id: task.requireID(), expected: expectedVersion, on: db)
            task.version = expectedVersion + 1
            try await task.save(on: db)
        }
    }

    /// Marks an open task done; a call or visit about a customer is recorded on their timeline in the same step.
    func complete(_ task: TaskItem, with input: TaskCompletion) async throws {
        try requireChange(task)
        guard task.status == TaskStatus.open.rawValue else { throw APIError.conflict("This task is already \(task.status).") }
        var fields = FieldCheck()
        let outcome = fields.text(input.outcome, "outcome", max: 2_000)
        let capReason = fields.text(input.capReason, "capReason", max: 500)
        try fields.throwIfFailed()
        let kind = TaskKind(rawValue: task.kind) ?? .todo
        let recording = Areas.contributions.interactionRecording
        let version = task.version
        let (actor, now) = (actor, now)
        try await db.transaction { db in
            try await VersionGuard.claim(table: TaskItem.schema, id: task.requireID(), expected: version, on: db)
            if let interactionKind = kind.recordedAs, task.accountID != nil || task.contactID != nil, let recording {
                task.interactionID = try await recording.record(.init(
                    kind: interactionKind, subject: task.title, outcome: outcome, accountID: task.accountID,
                    contactIDs: task.contactID.map { [$0] } ?? [], dealID: task.dealID, orderID: task.orderID, capReason: capReason), actor, now, db)
            }
            task.status = TaskStatus.done.rawValue
            task.outcome = outcome
            task.doneAt = now
            task.$doneBy.id = actor.id
            task.updatedAt = now
            task.version = version + 1
            try await task.save(on: db)
        }
    }

    func cancel(_ task: TaskItem) async throws {
        try requireChange(task)
        guard task.status == TaskStatus.open.rawValue else { throw APIError.conflict("This task is already \(task.status).") }
        try await db.transaction { db in
            try await VersionGuard.claim(table: TaskItem.schema, id: task.requireID(), expected: task.version, on: db)
            task.status = TaskStatus.cancelled.rawValue
            task.doneAt = now
            task.$doneBy.id = actor.id
            task.updatedAt = now
            task.version += 1
            try await task.save(on: db)
        }
    }

    private func apply(_ input: TaskInput, to task: TaskItem) async throws {
        var fields = FieldCheck()
        let title = fields.required(input.title, "title", max: 200)
        let notes = fields.text(input.notes, "notes", max: 10_000)
        let kind = input.kind == nil ? .todo : fields.choice(input.kind, "kind", as: TaskKind.self)
        let priority = input.priority == nil ? .normal : fields.choice(input.priority, "priority", as: TaskPriority.self)
        let day = fields.date(input.dueOn, "dueOn").flatMap(CalendarDate.init)
        if input.dueOn == nil { fields.fail("dueOn", "is required: the day it is due, YYYY-MM-DD") }
        var minute: Int?
        if let time = input.dueTime, !time.isEmpty {
            minute = TaskDue.minute(parsing: time)
            if minute == nil { fields.fail("dueTime", "must be a time of day written HH:MM, such as 14:30") }
        }
        let assigneeID = input.assigneeId ?? (task.id == nil ? actor.id : task.$assignee.id)
        let assignee = try await User.find(assigneeID, on: db)
        if assignee == nil || assignee?.isDisabled == true { fields.fail("assigneeId", "is not an active user") }
        let customers = CustomerDirectory(db: db)
        if let id = input.accountId, try await customers.account(id) == nil { fields.fail("accountId", "is not an existing account") }
        var accountID = input.accountId
        if let id = input.contactId {
            if let contact = try await customers.contacts([id]).first {
                accountID = accountID ?? contact.accountID
            } else {
                fields.fail("contactId", "is not an existing contact")
            }
        }
        if let id = input.dealId {
            if let deal = try await DealDirectory(db: db).deal(id) { accountID = accountID ?? deal.accountID } else { fields.fail("dealId", "is not an existing deal") }
        }
        if let id = input.orderId, try await !SalesDirectory(db: db).orderExists(id) { fields.fail("orderId", "is not an existing order") }
        try fields.throwIfFailed()
        guard let assignee, let day else { return }
        let zone = TimeZone(identifier: assignee.timeZone) ?? .gmt
        task.title = title
        task.notes = notes
        task.kind = (kind ?? .todo).rawValue
        task.priority = (priority ?? .normal).rawValue
        task.dueOn = day.description
        task.dueTime = minute.map(TaskDue.timeText)
        let dueAt = TaskDue(day: day, minuteOfDay: minute, timeZone: zone).instant
        if task.id != nil, dueAt != task.dueAt { task.remindedAt = nil }
        task.dueAt = dueAt
        task.$assignee.id = try assignee.requireID()
        task.accountID = accountID
        task.contactID = input.contactId
        task.dealID = input.dealId
        task.orderID = input.orderId
        task.updatedAt = now
    }
}

extension TaskKind {
    /// The interaction a done task of this kind records.
    var recordedAs: InteractionKind? {
        switch self {
        case .call: .call
        case .visit: .meeting
        case .todo, .email: nil
        }
    }
}
