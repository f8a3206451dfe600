import CRMCore
import Fluent
import Vapor

/// Revisit plans as a newcomer finds them: tier A customers visited every 90 days, tier B called every 30, each
/// owner's tasks on their day at once; the morning's reorder reminders for customers late against their rhythm; and
/// draft greetings for the next Christmas in Lithuania and the next Spring Festival in China, ready to preview.
enum DemoLoyalty {
    /// Adds nothing when a plan exists already. Returns how many tasks the plans and reminders opened.
    static func load(into app: Application) async throws -> Int {
        try await greetings(app)
        guard try await RevisitPlan.query(on: app.db).count() == 0 else { return 0 }
        let plans = RevisitPlans(db: app.db, now: app.clock.now())
        for (name, kind, days, tier) in [("Tier A: visit every quarter", RevisitKind.visit, 90, "A"), ("Tier B: call every month", .call, 30, "B")] {
            try await plans.save(.init(name: name, kind: kind.rawValue, intervalDays: days, tier: tier), app: app)
        }
        let reminders = try await ReorderReminders(db: app.db, now: app.clock.now(), timeZone: app.config.timeZone).run()
        let today = TaskDue.day(of: app.clock.now(), in: app.config.timeZone)
        return try await plans.all(today: today).reduce(0) { $0 + $1.results.created } + reminders.opened
    }

    private static func greetings(_ app: Application) async throws {
        guard try await Greeting.query(on: app.db).count() == 0 else { return }
        var preparer = try await User.query(on: app.db).filter(\.$role == .manager).first()
        if preparer == nil { preparer = try await User.query(on: app.db).first() }
        guard let manager = preparer else { return }
        let today = TaskDue.day(of: app.clock.now(), in: app.config.timeZone)
        let book = HolidayBook(db: app.db)
        for (calendar, name) in [("LT", "Christmas Day"), ("CN", "Spring Festival (Chinese New Year)")] {
            guard let holiday = try await book.holidays(from: today, through: today.adding(days: 400), calendar: calendar).first(where: { $0.name == name })
            else { continue }
            try await Greetings(db: app.db, now: app.clock.now())
                .save(.init(calendar: calendar, holidayDay: holiday.day.description, holidayName: holiday.name), actor: manager)
        }
    }
}
