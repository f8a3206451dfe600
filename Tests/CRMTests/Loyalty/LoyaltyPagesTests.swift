import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// A manager plans revisits on the pages; mistakes are named on the form; the seller finds the tasks on *my day* and
/// the plan page lists who is overdue.
@Suite struct LoyaltyPagesTests {
    @Test func aManagerPlansVisitsAndTheSellerSeesThemOnTheirDay() async throws {
        try await withTestApp { app in
            let stopped = try RevisitPlanTests.instant("2026-12-01T10:00:00Z")
            app.clock = AppClock { stopped }
            let desk = try await RevisitPlanTests.desk(app)
            let (_, managerPassword) = try await app.makeUser("rima@example.lt", role: .manager)
            let manager = TestBrowser(app)
            try await manager.signIn("rima@example.lt", managerPassword)
            #expect(try await manager.get(Site.loyalty()).status == .ok)
            #expect(manager.lastBody.contains("No revisit plan yet.") && manager.lastBody.contains("New revisit plan"))

            #expect(manager.lastBody.contains("later than 25 % of their usual interval") && manager.lastBody.contains("0 reminders"))
            var page = try await manager.post(Site.reorderSettings(), ["reorderMarginPercent": "a lot", "minimumOrders": "2"])
            #expect(page.status == .unprocessableEntity && manager.lastBody.contains("must be a whole number of percent"))
            page = try await manager.post(Site.reorderSettings(), ["reorderMarginPercent": "40", "minimumOrders": "2"])
            #expect(page.status == .unprocessableEntity && manager.lastBody.contains("must be 3 to 50 orders"))
            page = try await manager.post(Site.reorderSettings(), ["reorderMarginPercent": "40", "minimumOrders": "5"])
            let margin = try await ReorderReminders.settings(on: app.db).margin
            #expect(page.status == .seeOther && margin == 40)

            page = try await manager.post(Site.revisitPlanNew(), ["name": "Alfa calls", "kind": "call", "intervalDays": "ten", "account": "Nobody UAB"])
            #expect(page.status == .unprocessableEntity)
            #expect(manager.lastBody.contains("must be a whole number of days") && manager.lastBody.contains("names no active account"))
            #expect(manager.lastBody.contains("value=\"Alfa calls\""), "what was typed is kept")
            page = try await manager.post(Site.revisitPlanNew(), ["name": "Tier A visits", "kind": "visit", "intervalDays": "90"])
            #expect(page.status == .unprocessableEntity && manager.lastBody.contains("name exactly one of tier, tag or accountId"))
            #expect(try await RevisitPlan.query(on: app.db).count() == 0)

            page = try await manager.post(Site.revisitPlanNew(), ["name": "Alfa calls", "kind": "call", "intervalDays": "14", "account": "Alfa UAB"])
            let plan = try #require(try await RevisitPlan.query(on: app.db).first())
            #expect(page.status == .seeOther && page.headers.first(name: .location) == Site.revisitPlan(plan.id!))
            #expect(plan.accountID == desk.accounts["Alfa UAB"] && plan.kind == "call")
            #expect(try await manager.get(Site.revisitPlan(plan.id!)).status == .ok)
            #expect(manager.lastBody.contains("Alfa UAB · Call every 14 days · active") && manager.lastBody.contains("Nobody is overdue."))

            // The seller: the task is on their day; the plans are listed, without the planning form.
            let seller = TestBrowser(app)
            let password = try await app.users.resetPassword(of: desk.sellerUser)
            try await seller.signIn("jonas@example.lt", password)
            #expect(try await seller.get(Site.myDay()).status == .ok)
            #expect(seller.lastBody.contains("Call Alfa UAB"))
            #expect(try await seller.get(Site.loyalty()).status == .ok)
            #expect(seller.lastBody.contains("Alfa calls") && !seller.lastBody.contains("New revisit plan"))
            #expect(try await seller.post(Site.revisitPlanNew(), ["name": "Mine", "kind": "call", "intervalDays": "7", "tier": "A"]).status == .forbidden)

            // Two weeks and a day later the plan page lists Alfa as overdue; pausing it cancels the task.
            let later = stopped.addingTimeInterval(15 * 86_400)
            app.clock = AppClock { later }
            try await manager.signIn("rima@example.lt", managerPassword)
            #expect(try await manager.get(Site.revisitPlan(plan.id!)).status == .ok)
            #expect(manager.lastBody.contains("Overdue for a call") && manager.lastBody.contains(Site.account(desk.accounts["Alfa UAB"]!)))
            #expect(manager.lastBody.contains(">15</span>"), "never called: due the day the plan began, 2026-12-01")
            page = try await manager.post(Site.revisitPlan(plan.id!), ["name": "Alfa calls", "kind": "call", "intervalDays": "14", "account": "Alfa UAB"])
            #expect(page.status == .seeOther)
            #expect(try await TaskItem.query(on: app.db).filter(\.$status == "open").count() == 0)
            #expect(try await manager.get(Site.loyalty()).status == .ok && manager.lastBody.contains("Paused"))
            page = try await manager.post(Site.revisitPlanRemove(plan.id!))
            #expect(try await RevisitPlan.query(on: app.db).count() == 0)
        }
    }
}
