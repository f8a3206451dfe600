import CRMCore
import Fluent
import Vapor

/// Revisit plans as a newcomer finds them: tier A customers visited every 90 days, tier B called every 30, each
/// owner's tasks on their day at once; and the morning's reorder reminders for customers late against their rhythm.
enum DemoLoyalty {
    /// Adds nothing when a plan exists already. Returns how many tasks the plans and reminders opened.
    static func load(into app: Application) async throws -> Int {
        guard try await RevisitPlan.query(on: app.db).count() == 0 else { return 0 }
        let plans = RevisitPlans(db: app.db, now: app.clock.now())
        for (name, kind, days, tier) in [("Tier A: visit every quarter", RevisitKind.visit, 90, "A"), ("Tier B: call every month", .call, 30, "B")] {
            try await plans.save(.init(name: name, kind: kind.rawValue, intervalDays: days, tier: tier), app: app)
        }
        let reminders = try await ReorderReminders(db: app.db, now: app.clock.now(), timeZone: app.config.timeZone).run()
        let today = TaskDue.day(of: app.clock.now(), in: app.config.timeZone)
        return try await plans.all(today: today).reduce(0) { $0 + $1.results.created } + reminders.opened
    }
}
