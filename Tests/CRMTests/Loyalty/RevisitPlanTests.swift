import CRMCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting
@testable import CRM

/// Revisit plans keep one open task per account, due a set number of days after the last real visit: a logged visit
/// moves it, finishing it makes the next, an account leaving the tier loses it, and repeating the run changes nothing.
@Suite struct RevisitPlanTests {
    static func instant(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }

    struct Desk {
        let manager: APIClient
        let seller: APIClient
        let sellerUser: User
        let accounts: [String: UUID]
    }

    static func desk(_ app: Application) async throws -> Desk {
        let (manager, _) = try await app.apiClient("vadove@example.lt", role: .manager)
        let (seller, sellerUser) = try await app.apiClient("jonas@example.lt", role: .sales)
        var accounts: [String: UUID] = [:]
        for (name, tier) in [("Alfa UAB", "A"), ("Beta UAB", "A"), ("Gama UAB", "B"), ("Delta UAB", "A")] {
            let id = try await seller.createAccount(["name": name]).id
            accounts[name] = id
            try await app.db.sql.insert(into: "account_tiers").columns("id", "account_id", "tier", "profit_minor", "computed_at")
                .values(SQLBind(UUID()), SQLBind(id), SQLBind(tier), SQLBind(Int64(1_000)), SQLBind(Date())).run()
        }
        #expect(try await seller.send(.POST, "/api/v1/accounts/\(accounts["Delta UAB"]!)/archive").status == .ok)
        return Desk(manager: manager, seller: seller, sellerUser: sellerUser, accounts: accounts)
    }

    func openTasks(_ app: Application) async throws -> [String: TaskItem] {
        let names = try await CustomerDirectory(db: app.db).names(accounts: try await TaskItem.query(on: app.db).all().compactMap(\.accountID))
        let open = try await TaskItem.query(on: app.db).filter(\.$status == "open").filter(\.$programme != nil).all()
        return Dictionary(open.map { (names.accounts[$0.accountID!] ?? "", $0) }, uniquingKeysWith: { first, second in
            Issue.record("two open tasks for one account")
            return first
        })
    }

    @Test func tasksFollowTheLastRealVisit() async throws {
        try await withTestApp { app in
            let clock = NIOLockedValueBox(try Self.instant("2026-12-01T10:00:00Z"))
            app.clock = AppClock { clock.withLockedValue { $0 } }
            let desk = try await Self.desk(app)
            let alfa = desk.accounts["Alfa UAB"]!, beta = desk.accounts["Beta UAB"]!
            #expect(try await desk.seller.send(.POST, "/api/v1/interactions", json: [
                "kind": "meeting", "accountId": alfa.uuidString, "subject": "Visited", "occurredAt": "2026-11-01T09:00:00Z"]).status == .created)
            // A call is not a visit, and a meeting logged ahead has not happened.
            #expect(try await desk.seller.send(.POST, "/api/v1/interactions", json: [
                "kind": "call", "direction": "outbound", "accountId": beta.uuidString, "subject": "Rang", "occurredAt": "2026-11-20T09:00:00Z"]).status == .created)
            #expect(try await desk.seller.send(.POST, "/api/v1/interactions", json: [
                "kind": "meeting", "accountId": beta.uuidString, "subject": "Booked", "occurredAt": "2026-12-20T09:00:00Z"]).status == .created)

            // Who may plan, and what a plan must say.
            #expect(try await desk.seller.send(.POST, "/api/v1/revisit-plans", json: ["name": "Mine", "kind": "visit", "intervalDays": 90, "tier": "A"]).status == .forbidden)
            let bad = try await desk.manager.send(.POST, "/api/v1/revisit-plans", json: ["name": "", "kind": "drive-by", "intervalDays": 0, "tier": "A", "tag": "key"])
            #expect(bad.status == .unprocessableEntity)
            for field in ["name", "kind", "intervalDays", "tier"] { #expect(bad.body.string.contains("\"\(field)\""), "\(field): \(bad.body.string)") }
            #expect(try await desk.manager.send(.POST, "/api/v1/revisit-plans", json: ["name": "X", "kind": "visit", "intervalDays": 30, "tier": "D"]).status == .unprocessableEntity)
            #expect(try await RevisitPlan.query(on: app.db).count() == 0)

            let plan = try await desk.manager.create(RevisitPlans.DTO.self, "/api/v1/revisit-plans",
                                                     json: ["name": "Tier A visits", "kind": "visit", "intervalDays": 90, "tier": "A"])
            #expect(plan.results.open == 2 && plan.results.created == 2, "the archived tier A account gets none")
            var tasks = try await openTasks(app)
            #expect(tasks["Alfa UAB"]?.dueOn == "2027-01-30" && tasks["Beta UAB"]?.dueOn == "2026-12-01")
            #expect(tasks["Alfa UAB"]?.kind == "visit" && tasks["Alfa UAB"]?.$assignee.id == desk.sellerUser.id)
            #expect(tasks["Alfa UAB"]?.notes == "Last visit on 2026-11-01. Plan “Tier A visits”: visit every 90 days.")

            // Run again, by the job: nothing new.
            let scheduler = RevisitScheduler(db: app.db, now: app.clock.now(), timeZone: .gmt)
            let stored = try #require(try await RevisitPlan.find(plan.id, on: app.db))
            #expect(try await scheduler.run(stored) == .init(opened: 0, cancelled: 0))
            #expect(try await TaskItem.query(on: app.db).count() == 2)

            // A visit logged on Beta moves its open task rather than making another.
            #expect(try await desk.seller.send(.POST, "/api/v1/interactions", json: [
                "kind": "meeting", "accountId": beta.uuidString, "subject": "Dropped by", "occurredAt": "2026-12-01T08:00:00Z"]).status == .created)
            try await scheduler.run(stored)
            tasks = try await openTasks(app)
            #expect(tasks["Beta UAB"]?.dueOn == "2027-03-01" && tasks.count == 2)

            // Finishing Alfa's visit logs it; the next task is due 90 days from it, and the plan counts it on time.
            let alfaTask = try #require(tasks["Alfa UAB"]?.id)
            #expect(try await desk.seller.send(.POST, "/api/v1/tasks/\(alfaTask)/complete", json: ["outcome": "Signed the winter order"]).status == .ok)
            let job = try #require(app.jobKinds[RevisitScheduler.kind.name])
            try await job.run(JobRun(id: UUID(), kind: job.name, payload: "{}", attempt: 1, worker: "test", app: app))
            tasks = try await openTasks(app)
            #expect(tasks["Alfa UAB"]?.dueOn == "2027-03-01" && tasks["Alfa UAB"]?.id != alfaTask)

            // Beta drops to tier B: its task is cancelled. Past the day, Alfa shows as overdue.
            try await app.db.sql.update("account_tiers").set("tier", to: SQLBind("B")).where("account_id", .equal, SQLBind(beta)).run()
            try await scheduler.run(stored)
            tasks = try await openTasks(app)
            #expect(Set(tasks.keys) == ["Alfa UAB"])
            clock.withLockedValue { $0 = try! Self.instant("2027-03-05T10:00:00Z") }
            let overdue = try await desk.seller.decode([RevisitPlans.Overdue].self, .GET, "/api/v1/revisit-plans/\(plan.id)/overdue")
            #expect(overdue.map(\.account.name) == ["Alfa UAB"] && overdue.first?.daysOverdue == 4 && overdue.first?.owner.name != "")
            #expect(overdue.first?.lastContact == (try Self.instant("2026-12-01T10:00:00Z")))
            let results = try await desk.seller.decode(RevisitPlans.DTO.self, .GET, "/api/v1/revisit-plans/\(plan.id)").results
            #expect(results == .init(open: 1, overdue: 1, created: 3, done: 1, doneOnTime: 1, cancelled: 1))

            // Paused: its open task is cancelled; removed: the plan goes, done tasks stay.
            let paused = try await desk.manager.decode(RevisitPlans.DTO.self, .PUT, "/api/v1/revisit-plans/\(plan.id)",
                                                       json: ["name": "Tier A visits", "kind": "visit", "intervalDays": 90, "tier": "A", "active": false])
            #expect(!paused.active && paused.results.open == 0)
            #expect(try await desk.manager.send(.DELETE, "/api/v1/revisit-plans/\(plan.id)").status == .noContent)
            #expect(try await RevisitPlan.query(on: app.db).count() == 0)
            #expect(try await TaskItem.query(on: app.db).filter(\.$status == "done").count() == 1)
        }
    }

    @Test func theDatabaseHoldsOneOpenTaskPerPlanAndAccount() async throws {
        try await withTestApp { app in
            let desk = try await Self.desk(app)
            let book = ProgrammeTaskBook.contribution
            let wanted = Contributions.ProgrammeTask(programme: "revisit:test", accountID: desk.accounts["Alfa UAB"]!, assigneeID: try desk.sellerUser.requireID(),
                                                     kind: .call, title: "Call Alfa UAB", notes: nil, dueOn: CalendarDate("2026-12-10")!)
            #expect(try await book.keep([wanted], app.db, Date()) == 1)
            #expect(try await book.keep([wanted], app.db, Date()) == 0)
            let task = TaskItem()
            (task.title, task.kind, task.priority, task.status, task.dueOn, task.dueAt) = ("Again", "call", "normal", "open", "2026-12-10", Date())
            task.$assignee.id = try desk.sellerUser.requireID()
            task.$createdBy.id = try desk.sellerUser.requireID()
            (task.accountID, task.programme, task.createdAt, task.updatedAt, task.version) = (desk.accounts["Alfa UAB"]!, "revisit:test", Date(), Date(), 1)
            await #expect(throws: (any Error).self) { try await task.create(on: app.db) }
        }
    }

    @Test func runsKeepingTasksSideBySideOpenEachOnce() async throws {
        try await withTestApp { app in
            let desk = try await Self.desk(app)
            let book = ProgrammeTaskBook.contribution
            let seller = try desk.sellerUser.requireID()
            let wanted = desk.accounts.values.map { account in
                Contributions.ProgrammeTask(programme: "revisit:race", accountID: account, assigneeID: seller, kind: .visit, title: "Visit",
                                            notes: nil, dueOn: CalendarDate("2026-12-10")!)
            }
            // Two runs at once (the hourly job and a plan being saved): each may find the other's tasks only when inserting.
            async let first = book.keep(wanted, app.db, Date())
            async let second = book.keep(wanted, app.db, Date())
            let opened = try await first + second
            #expect(opened == wanted.count)
            #expect(try await TaskItem.query(on: app.db).filter(\.$programme == "revisit:race").filter(\.$status == "open").count() == wanted.count)
        }
    }
}
