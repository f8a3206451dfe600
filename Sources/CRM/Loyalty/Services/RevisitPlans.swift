import CRMCore
import Fluent
import Vapor

/// Revisit plans as the API and pages show them, and their checks. Saving a plan brings its tasks up to date at once
/// (`RevisitScheduler`); removing or pausing it cancels the open ones.
struct RevisitPlans {
    let db: any Database
    let now: Date

    struct Input: StrictInput {
        var name: String?
        var kind: String?
        var intervalDays: Int?
        var tier: String?
        var tag: String?
        var accountId: UUID?
        var active: Bool?

        static let schema = JSONSchema.object([
            ("name", .string()), ("kind", .string(enumeration: RevisitKind.allCases.map(\.rawValue))), ("intervalDays", .integer()),
            ("tier", .nullable(.string(enumeration: ProfitTiers.Tier.allCases.map(\.rawValue)))), ("tag", .nullable(.string())),
            ("accountId", .nullable(.uuid)), ("active", .boolean),
        ], required: ["name", "kind", "intervalDays"])
    }

    /// Who a plan is for, as shown.
    struct Scope: Content, Equatable {
        let tier: String?
        let tag: String?
        let account: RecordRef?

        var text: String {
            if let tier { return "Tier \(tier) customers" }
            if let tag { return "Accounts tagged \(tag)" }
            return account?.name ?? "One account"
        }

        static let schema = JSONSchema.object([("tier", .nullable(.string())), ("tag", .nullable(.string())), ("account", .nullable(RecordRef.schema))],
                                              required: [])
    }

    /// What a plan's tasks came to since it was made.
    struct Results: Content, Equatable {
        let open: Int
        let overdue: Int
        let created: Int
        let done: Int
        /// Done on or before their day.
        let doneOnTime: Int
        let cancelled: Int

        static let schema = JSONSchema.object([("open", .integer()), ("overdue", .integer()), ("created", .integer()), ("done", .integer()),
                                               ("doneOnTime", .integer()), ("cancelled", .integer())],
                                              required: ["open", "overdue", "created", "done", "doneOnTime", "cancelled"])
    }

    struct DTO: Content, Equatable {
        let id: UUID
        let name: String
        let kind: String
        let intervalDays: Int
        let scope: Scope
        let active: Bool
        let results: Results
        let createdAt: Date
        let updatedAt: Date

        static let schema = JSONSchema.object([
            ("id", .uuid), ("name", .string()), ("kind", .string(enumeration: RevisitKind.allCases.map(\.rawValue))), ("intervalDays", .integer()),
            ("scope", .ref("RevisitScope")), ("active", .boolean), ("results", .ref("RevisitResults")), ("createdAt", .dateTime), ("updatedAt", .dateTime),
        ], required: ["id", "name", "kind", "intervalDays", "scope", "active", "results", "createdAt", "updatedAt"])
    }

    /// An account the plan says should have been visited or called by now.
    struct Overdue: Content, Equatable {
        let account: RecordRef
        let owner: UserRef
        let dueOn: String
        let daysOverdue: Int
        let lastContact: Date?
        let taskId: UUID

        static let schema = JSONSchema.object([
            ("account", RecordRef.schema), ("owner", UserRef.schema), ("dueOn", .string(format: "date")), ("daysOverdue", .integer()),
            ("lastContact", .nullable(.dateTime)), ("taskId", .uuid),
        ], required: ["account", "owner", "dueOn", "daysOverdue", "taskId"])
    }

    static func programme(_ planID: UUID) -> String { "revisit:\(planID)" }

    /// The reader's day, in their zone: what is overdue for them.
    static func today(_ request: Request) -> CalendarDate {
        TaskDue.day(of: request.now, in: TimeZone(identifier: request.userTimeZone) ?? .gmt)
    }

    static func requirePlanner(_ request: Request) throws {
        guard try request.user.role.canPlanProgrammes else {
            throw APIError(.forbidden, code: "forbidden", message: "Only managers and admins plan revisits.")
        }
    }

    func require(_ id: UUID) async throws -> RevisitPlan {
        guard let plan = try await RevisitPlan.find(id, on: db) else { throw APIError.notFound("This revisit plan") }
        return plan
    }

    /// Checks and stores a plan (new when `plan` is nil), then brings its tasks up to date. A form's own errors
    /// (`formErrors`) are reported with the plan's.
    @discardableResult
    func save(_ input: Input, plan existing: RevisitPlan? = nil, app: Application, formErrors: [String: String] = [:]) async throws -> RevisitPlan {
        var fields = FieldCheck()
        for (field, reason) in formErrors { fields.fail(field, reason) }
        let name = fields.required(input.name, "name", max: 120)
        let kind = fields.choice(input.kind, "kind", as: RevisitKind.self)
        if input.kind == nil { fields.fail("kind", "is required: visit or call") }
        if let days = input.intervalDays {
            if !RevisitRules.intervals.contains(days) { fields.fail("intervalDays", "must be 1 to 730 days") }
        } else if formErrors["intervalDays"] == nil {
            fields.fail("intervalDays", "is required: every how many days")
        }
        let tier = input.tier.flatMap { $0.isEmpty ? nil : $0.uppercased() }
        let tag = input.tag.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if let tier, ProfitTiers.Tier(rawValue: tier) == nil { fields.fail("tier", "must be A, B or C") }
        if let tag, tag.count > 60 { fields.fail("tag", "must be at most 60 characters") }
        let scopes = [tier != nil, tag != nil, input.accountId != nil].filter { $0 }.count
        if scopes != 1, formErrors["account"] == nil { fields.fail("tier", "name exactly one of tier, tag or accountId: who the plan is for") }
        if let id = input.accountId, try await CustomerDirectory(db: db).account(id) == nil { fields.fail("accountId", "is not an existing account") }
        try fields.throwIfFailed()
        let plan = existing ?? RevisitPlan()
        plan.name = name
        plan.kind = (kind ?? .visit).rawValue
        plan.intervalDays = input.intervalDays ?? 30
        (plan.tier, plan.tag, plan.accountID) = (tier, tag, input.accountId)
        plan.active = input.active ?? existing?.active ?? true
        if existing == nil { plan.createdAt = now }
        plan.updatedAt = now
        // The plan and its tasks together: a plan is never stored without the tasks it promises.
        let (now, zone) = (now, app.config.timeZone)
        try await db.transaction { db in
            try await plan.save(on: db)
            try await RevisitScheduler(db: db, now: now, timeZone: zone).run(plan)
        }
        return plan
    }

    /// Removes a plan; its open tasks are cancelled, done ones stay in their owners' history.
    func delete(_ plan: RevisitPlan) async throws {
        let open = try await RevisitScheduler.tasks.tasks([Self.programme(try plan.requireID())], nil, db)
        try await db.transaction { db in
            try await RevisitScheduler.tasks.close(open.map(\.id), .cancelled, nil, db, now)
            try await plan.delete(on: db)
        }
    }

    /// Every plan with its results; a task is overdue once its day has passed on `today` (the reader's day).
    func all(today: CalendarDate) async throws -> [DTO] {
        try await dtos(RevisitPlan.query(on: db).sort(\.$name).all(), today: today)
    }

    func dto(_ plan: RevisitPlan, today: CalendarDate) async throws -> DTO {
        try await dtos([plan], today: today)[0]
    }

    /// The plans with their results: three statements however many plans (the plans, their tasks, account names).
    private func dtos(_ plans: [RevisitPlan], today: CalendarDate) async throws -> [DTO] {
        guard let earliest = plans.map(\.createdAt).min() else { return [] }
        let names = try await CustomerDirectory(db: db).names(accounts: plans.compactMap(\.accountID))
        let everyTask = try await RevisitScheduler.tasks.tasks(try plans.map { Self.programme(try $0.requireID()) }, earliest.addingTimeInterval(-1), db)
        let byProgramme = Dictionary(grouping: everyTask, by: \.programme)
        return try plans.map { plan in
            let id = try plan.requireID()
            let tasks = byProgramme[Self.programme(id)] ?? []
            let open = tasks.filter { $0.status == .open }
            let done = tasks.filter { $0.status == .done }
            let results = Results(open: open.count, overdue: open.filter { $0.dueOn < today }.count, created: tasks.count, done: done.count,
                                  doneOnTime: done.filter { task in task.doneAt.map { CalendarDate.today(at: $0) <= task.dueOn } ?? false }.count,
                                  cancelled: tasks.filter { $0.status == .cancelled }.count)
            return DTO(id: id, name: plan.name, kind: plan.kind, intervalDays: plan.intervalDays,
                       scope: Scope(tier: plan.tier, tag: plan.tag, account: plan.accountID.map { RecordRef(id: $0, name: names.accounts[$0] ?? "") }),
                       active: plan.active, results: results, createdAt: plan.createdAt, updatedAt: plan.updatedAt)
        }
    }

    /// The plan's accounts whose visit or call is past its day, most overdue first.
    func overdue(_ plan: RevisitPlan, today: CalendarDate) async throws -> [Overdue] {
        let open = try await RevisitScheduler.tasks.tasks([Self.programme(try plan.requireID())], nil, db).filter { $0.dueOn < today }
        let kind = RevisitKind(rawValue: plan.kind) ?? .visit
        async let namesRead = CustomerDirectory(db: db).names(accounts: open.map(\.accountID))
        async let peopleRead = UserDirectory.names(of: Set(open.map(\.assigneeID)), on: db)
        async let lastRead = InteractionDirectory(db: db).lastContacts(kind.interactionKind, accounts: open.map(\.accountID), upTo: now)
        let (names, people, last) = try await (namesRead, peopleRead, lastRead)
        return open.sorted { ($0.dueOn, names.accounts[$0.accountID] ?? "") < ($1.dueOn, names.accounts[$1.accountID] ?? "") }.map { task in
            Overdue(account: RecordRef(id: task.accountID, name: names.accounts[task.accountID] ?? ""),
                    owner: UserRef(id: task.assigneeID, name: people[task.assigneeID] ?? ""), dueOn: task.dueOn.description,
                    daysOverdue: task.dueOn.days(until: today), lastContact: last[task.accountID], taskId: task.id)
        }
    }
}
