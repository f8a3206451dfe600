import CRMCore
import Fluent
import Vapor

/// Keeps each active plan's tasks: for every account in its scope one open visit or call task for the account's
/// owner, due `intervalDays` after the last real visit or call (today when there was none). Run every hour and when a
/// plan is saved, it only moves what changed: a logged visit moves the day on, an account leaving the scope (another
/// tier, tag removed, archived) has its task cancelled, as does every open task of a paused plan. Safe to repeat:
/// the database holds one open task per plan and account.
struct RevisitScheduler {
    let db: any Database
    let now: Date
    /// Days of accounts whose owner is gone are read here; each owner's own zone decides their tasks' days.
    let timeZone: TimeZone

    static let kind = JobKind(name: "loyalty.revisits", summary: "Keep one visit or call task per account for each revisit plan",
                              maxAttempts: 3, schedule: "@hourly") { run in
        let scheduler = RevisitScheduler(db: run.db, now: run.now, timeZone: run.app.config.timeZone)
        for plan in try await RevisitPlan.query(on: run.db).all() { try await scheduler.run(plan) }
    }

    /// The task book Tasks offers; an installation without it cannot keep plans.
    static var tasks: Contributions.ProgrammeTasks {
        get throws {
            guard let tasks = Areas.contributions.programmeTasks else { throw APIError(.serviceUnavailable, code: "no_tasks", message: "No area keeps tasks.") }
            return tasks
        }
    }

    struct Outcome: Equatable { var opened = 0, cancelled = 0 }

    @discardableResult
    func run(_ plan: RevisitPlan) async throws -> Outcome {
        let programme = RevisitPlans.programme(try plan.requireID())
        let open = try await Self.tasks.tasks([programme], nil, db)
        var outcome = Outcome()
        guard plan.active, let kind = RevisitKind(rawValue: plan.kind) else {
            try await Self.tasks.close(open.map(\.id), .cancelled, nil, db, now)
            outcome.cancelled = open.count
            return outcome
        }
        let accounts = try await CustomerDirectory(db: db).activeAccounts(try await scope(plan))
        let owners = try await User.query(on: db).filter(\.$id ~~ Set(accounts.values.map(\.ownerID))).all()
        let zones = Dictionary(owners.compactMap { user in user.isDisabled ? nil : user.id.map { ($0, TimeZone(identifier: user.timeZone) ?? timeZone) } },
                               uniquingKeysWith: { first, _ in first })
        let last = try await InteractionDirectory(db: db).lastContacts(kind.interactionKind, accounts: accounts.keys, upTo: now)
        let doing = kind == .visit ? "visit" : "call"
        var wanted = [Contributions.ProgrammeTask]()
        for (accountID, account) in accounts.sorted(by: { $0.value.name < $1.value.name }) {
            // An account whose owner is disabled waits for a new owner rather than landing on nobody.
            guard let zone = zones[account.ownerID] else { continue }
            let lastDay = last[accountID].map { TaskDue.day(of: $0, in: zone) }
            let due = RevisitRules.due(lastContact: lastDay, intervalDays: plan.intervalDays, today: TaskDue.day(of: now, in: zone))
            let notes = (lastDay.map { "Last \(doing) on \($0)." } ?? "No \(doing) logged yet.")
                + " Plan “\(plan.name)”: \(doing) \(RevisitRules.every(plan.intervalDays))."
            wanted.append(.init(programme: programme, accountID: accountID, assigneeID: account.ownerID, kind: kind.taskKind,
                                title: "\(kind.label) \(account.name)", notes: notes, dueOn: due))
        }
        outcome.opened = try await Self.tasks.keep(wanted, db, now)
        let leaving = open.filter { accounts[$0.accountID] == nil }.map(\.id)
        try await Self.tasks.close(leaving, .cancelled, nil, db, now)
        outcome.cancelled = leaving.count
        return outcome
    }

    private func scope(_ plan: RevisitPlan) async throws -> [UUID] {
        if let tier = plan.tier { return try await SalesDirectory(db: db).accountIDs(inTier: tier) }
        if let tag = plan.tag { return try await CustomerDirectory(db: db).activeAccountIDs(taggedWith: tag) }
        return plan.accountID.map { [$0] } ?? []
    }
}
