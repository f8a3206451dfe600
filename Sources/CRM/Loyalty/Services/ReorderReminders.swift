import CRMCore
import Fluent
import SQLKit
import Vapor

/// Reminders from each customer's purchase rhythm: every morning, an account late against its own rhythm
/// (`PurchaseRhythm`) by more than the margin gets one task for its owner with the evidence; the task is closed as
/// done when the account orders again. Repeating a run changes nothing: an account with an open reminder gets no other.
struct ReorderReminders {
    let db: any Database
    let now: Date
    let timeZone: TimeZone

    static let programme = "reorder"
    /// What a reminder closed by the customer's order says.
    static let orderedOutcome = "The customer ordered again."

    static let kind = JobKind(name: "loyalty.reorders", summary: "Remind owners of customers late against their purchase rhythm; close reminders answered by an order",
                              maxAttempts: 3, schedule: "30 6 * * *") { run in
        try await ReorderReminders(db: run.db, now: run.now, timeZone: run.app.config.timeZone).run()
    }

    struct Settings: Content, Equatable, StrictInput {
        var reorderMarginPercent: Int?
        var minimumOrders: Int?

        static let standard = Settings(reorderMarginPercent: 25, minimumOrders: PurchaseRhythm.defaultMinimumOrders)
        static let schema = JSONSchema.object([("reorderMarginPercent", .integer()), ("minimumOrders", .integer())],
                                              required: ["reorderMarginPercent", "minimumOrders"])

        var margin: Int { reorderMarginPercent ?? 25 }
        var minimum: Int { minimumOrders ?? PurchaseRhythm.defaultMinimumOrders }
    }

    static func settings(on db: any Database) async throws -> Settings {
        guard let row = try await db.sql.select().columns("reorder_margin_percent", "minimum_orders").from("loyalty_settings").first() else { return .standard }
        return Settings(reorderMarginPercent: try row.decode(column: "reorder_margin_percent", as: Int.self),
                        minimumOrders: try row.decode(column: "minimum_orders", as: Int.self))
    }

    static func save(_ input: Settings, on db: any Database, now: Date) async throws -> Settings {
        var fields = FieldCheck()
        if let margin = input.reorderMarginPercent { if !(0...500).contains(margin) { fields.fail("reorderMarginPercent", "must be 0 to 500 %") } }
        else { fields.fail("reorderMarginPercent", "is required") }
        if let minimum = input.minimumOrders { if !(3...50).contains(minimum) { fields.fail("minimumOrders", "must be 3 to 50 orders") } }
        else { fields.fail("minimumOrders", "is required") }
        try fields.throwIfFailed()
        try await db.sql.insert(into: "loyalty_settings").columns("id", "reorder_margin_percent", "minimum_orders", "updated_at")
            .values(SQLBind(1), SQLBind(input.margin), SQLBind(input.minimum), SQLBind(now))
            .onConflict(with: ["id"]) { $0.set(excludedValueOf: "reorder_margin_percent").set(excludedValueOf: "minimum_orders").set(excludedValueOf: "updated_at") }
            .run()
        return try await settings(on: db)
    }

    struct Outcome: Equatable { var opened = 0, answered = 0 }

    @discardableResult
    func run() async throws -> Outcome {
        let tasks = try RevisitScheduler.tasks
        let settings = try await Self.settings(on: db)
        let sales = SalesDirectory(db: db)
        var outcome = Outcome()

        // Reminders answered: the account ordered on or after the day its reminder was made.
        let open = try await tasks.tasks([Self.programme], nil, db)
        let last = try await sales.lastBuyingDays(accounts: open.map(\.accountID))
        let answered = open.filter { task in last[task.accountID].map { $0 >= TaskDue.day(of: task.createdAt, in: timeZone) } ?? false }
        try await tasks.close(answered.map(\.id), .done, Self.orderedOutcome, db, now)
        outcome.answered = answered.count

        let today = TaskDue.day(of: now, in: timeZone)
        let waiting = Set(open.map(\.accountID)).subtracting(answered.map(\.accountID))
        var late: [UUID: PurchaseRhythm] = [:]
        for (accountID, days) in try await sales.buyingDays() where !waiting.contains(accountID) {
            if let rhythm = PurchaseRhythm(orderDays: days, minimumOrders: settings.minimum), rhythm.isOverdue(on: today, marginPercent: settings.margin) {
                late[accountID] = rhythm
            }
        }
        guard !late.isEmpty else { return outcome }
        let accounts = try await CustomerDirectory(db: db).activeAccounts(late.keys)
        let owners = Set(try await User.query(on: db).filter(\.$id ~~ Set(accounts.values.map(\.ownerID))).filter(\.$isDisabled == false).all().compactMap(\.id))
        let bought = try await sales.productBuyingDays(accounts: accounts.keys)
        let names = Dictionary(try await sales.products(Set(bought.values.flatMap(\.keys))).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var wanted = [Contributions.ProgrammeTask]()
        for (accountID, account) in accounts.sorted(by: { $0.value.name < $1.value.name }) where owners.contains(account.ownerID) {
            guard let rhythm = late[accountID] else { continue }
            let products = (bought[accountID] ?? [:]).map { ReorderEvidence.Product(name: names[$0.key] ?? "a product", days: $0.value) }
            let notes = ReorderEvidence.text(rhythm, today: today, products: products, marginPercent: settings.margin)
            wanted.append(.init(programme: Self.programme, accountID: accountID, assigneeID: account.ownerID, kind: .call,
                                title: "Reorder due: \(account.name)", notes: notes, dueOn: today))
        }
        outcome.opened = try await tasks.keep(wanted, db, now)
        return outcome
    }

    /// What the reminders of the last `days` came to: opened, answered by an order, still open.
    struct Results: Content, Equatable {
        let days: Int
        let opened: Int
        let answered: Int
        let open: Int

        static let schema = JSONSchema.object([("days", .integer()), ("opened", .integer()), ("answered", .integer()), ("open", .integer())],
                                              required: ["days", "opened", "answered", "open"])
    }

    static func results(days: Int = 90, on db: any Database, now: Date) async throws -> Results {
        let made = try await RevisitScheduler.tasks.tasks([programme], now.addingTimeInterval(-Double(days) * 86_400), db)
        return Results(days: days, opened: made.count, answered: made.filter { $0.status == .done && $0.outcome == orderedOutcome }.count,
                       open: made.filter { $0.status == .open }.count)
    }
}
