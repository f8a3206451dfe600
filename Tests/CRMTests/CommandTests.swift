import CRMCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CRM

@Suite struct CommandTests {
    @Test func userCreateMakesAUserAndRejectsBadInput() async throws {
        try await withTestApp { app in
            app.environment.arguments = ["crm", "user", "create", "--email", "Lucia@Example.es", "--name", "Lucía Fernández", "--role", "service"]
            try await app.startup()
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "lucia@example.es").first())
            #expect(user.name == "Lucía Fernández")
            #expect(user.role == .service)

            app.environment.arguments = ["crm", "user", "create", "--email", "x@example.es", "--name", "X", "--role", "boss"]
            await #expect { try await app.startup() } throws: { error in
                "\(error)" == "--role must be one of admin, manager, sales, service"
            }
        }
    }

    @Test func tokenCreateIssuesAWorkingToken() async throws {
        try await withTestApp { app in
            try await app.makeUser("ona@example.lt")
            app.environment.arguments = ["crm", "token", "create", "--email", "ona@example.lt", "--name", "script"]
            try await app.startup()
            #expect(try await APIToken.query(on: app.db).count() == 1)
        }
    }

    /// PostgreSQL's errors describe themselves as "Generic description…"; a failed command must still say what failed.
    @Test func aFailedCommandNamesTheDatabaseProblem() async throws {
        try await withTestApp { app in
            let insert = app.db.sql.insert(into: "job_schedules").columns("name", "kind", "cron", "time_zone", "next_run_at")
                .values(SQLBind("x"), SQLBind("x"), SQLBind("@hourly"), SQLBind("UTC"), SQLBind(Date()))
            try await insert.run()
            await #expect { try await insert.run() } throws: { error in
                let line = errorLine(error)
                return !line.contains("\n") && (line.contains("duplicate key value") || line.contains("UNIQUE constraint failed"))
            }
        }
    }

    @Test func theFirstAdminIsCreatedOnlyOnce() async throws {
        try await withTestApp { app in
            try await app.makeUser("sales@example.lt", role: .sales)
            let first = try #require(try await FirstAdmin.createIfNoAdmin(on: app.db, app: app))
            #expect(first.email == FirstAdmin.email)
            #expect(try await FirstAdmin.createIfNoAdmin(on: app.db, app: app) == nil)
            #expect(try await TestBrowser(app).signIn(first.email, first.password).status == .seeOther)
        }
    }

    @Test func demoDataLoadsOnce() async throws {
        try await withTestApp { app in
            _ = try await DemoData.load(into: app)
            let count = try await User.query(on: app.db).count()
            let accounts = try await Account.query(on: app.db).count()
            #expect(accounts >= 100)
            #expect(try await Contact.query(on: app.db).count() >= 200)
            let again = try await DemoData.load(into: app)
            #expect(try await User.query(on: app.db).count() == count)
            #expect(try await Account.query(on: app.db).count() == accounts)
            #expect(again == ["Demo data is already loaded."])
            #expect(try await Order.query(on: app.db).count() > 0, "demo orders for the profit reports")
            #expect(try await AccountTier.query(on: app.db).count() == accounts, "and tiers for every account")
            #expect(try await Interaction.query(on: app.db).count() > 30, "and timelines to look at")
            #expect(try await QuoteLine.query(on: app.db).count() > 0, "and last quoted prices")
            #expect(try await ExchangeRates.all(on: app.db).map(\.currency).contains("USD"), "and exchange rates to show")
            let orders = try await Order.query(on: app.db).all()
            let owners = Dictionary(uniqueKeysWithValues: try await Account.query(on: app.db).all().map { ($0.id!, $0.$owner.id) })
            #expect(orders.allSatisfy { $0.$salesperson.id == owners[$0.accountID] }, "each demo order is its account owner's sale")
            #expect(Set(orders.map(\.$salesperson.id)).count > 1, "so commissions spread over the salespeople")
            #expect(try await TaskItem.query(on: app.db).filter(\.$programme != nil).count() > 0, "and revisit tasks from the demo plans")
            #expect(try await Greeting.query(on: app.db).count() == 2, "and draft greetings for the next Christmas and Spring Festival")
        }
    }

    @Test func tiersRecomputeRunsFromTheCommandLine() async throws {
        try await withTestApp { app in
            try await app.apiClient("ona@example.lt").0.createAccount(["name": "Nemuno baldai"])
            app.environment.arguments = ["crm", "tiers", "recompute"]
            try await app.startup()
            #expect(try await AccountTier.query(on: app.db).first()?.tier == "C")
            app.environment.arguments = ["crm", "tiers", "refresh"]
            await #expect { try await app.startup() } throws: { error in "\(error)".contains("the only one is recompute") }
        }
    }
}
