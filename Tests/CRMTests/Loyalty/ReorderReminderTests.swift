import CRMCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import CRM

/// A customer late against their own purchase rhythm gets one reminder for its owner with the evidence; the reminder
/// closes when they order; customers without a rhythm (too few orders, irregular) are left alone.
@Suite struct ReorderReminderTests {
    @Test func aLateCustomerGetsOneReminderThatTheirOrderCloses() async throws {
        try await withTestApp { app in
            let clock = NIOLockedValueBox(try RevisitPlanTests.instant("2026-12-01T08:00:00Z"))
            app.clock = AppClock { clock.withLockedValue { $0 } }
            let (manager, _) = try await app.apiClient("vadove@example.lt", role: .manager)
            let (seller, sellerUser) = try await app.apiClient("jonas@example.lt", role: .sales)
            func product(_ sku: String, _ name: String) async throws -> String {
                let response = try await manager.send(.POST, "/api/v1/products", json: ["sku": sku, "name": name, "priceMinor": 1_000, "costMinor": 600])
                return try PermissionsMatrixTests.World.id(response)
            }
            let film = try await product("F-1", "Packaging film"), labels = try await product("L-1", "Label rolls")
            func order(_ account: UUID, _ day: String, _ products: [String]) async throws {
                let response = try await seller.send(.POST, "/api/v1/orders", json: [
                    "accountId": account.uuidString, "orderDate": day, "status": "confirmed",
                    "lines": products.map { ["productId": $0, "quantity": 1] }])
                #expect(response.status == .created, "\(response.body.string)")
            }
            let alfa = try await seller.createAccount(["name": "Alfa UAB"]).id
            for (index, day) in ["2026-06-01", "2026-07-01", "2026-07-31", "2026-08-30", "2026-09-29"].enumerated() {
                try await order(alfa, day, index % 2 == 0 ? [film, labels] : [film])
            }
            let beta = try await seller.createAccount(["name": "Beta UAB"]).id
            for day in ["2026-01-10", "2026-02-10"] { try await order(beta, day, [film]) }
            let gama = try await seller.createAccount(["name": "Gama UAB"]).id
            for day in ["2026-01-02", "2026-01-07", "2026-04-07", "2026-04-24", "2026-06-23", "2026-06-26"] { try await order(gama, day, [labels]) }

            let reminders = ReorderReminders(db: app.db, now: clock.withLockedValue { $0 }, timeZone: .gmt)
            #expect(try await reminders.run() == .init(opened: 1, answered: 0))
            let task = try #require(try await TaskItem.query(on: app.db).filter(\.$programme == "reorder").first())
            #expect(task.title == "Reorder due: Alfa UAB" && task.$assignee.id == sellerUser.id && task.status == "open" && task.dueOn == "2026-12-01")
            #expect(task.notes == "Orders every ~30 days; last order 63 days ago, on 2026-09-29. Usually buys Packaging film (in 5 of 5 purchases). "
                    + "Packaging film: every ~30 days, last bought 63 days ago.")
            #expect(try await reminders.run() == .init(opened: 0, answered: 0), "one reminder, however often the job runs")

            // Alfa orders the next day: the reminder is done, and counts as answered.
            clock.withLockedValue { $0 = try! RevisitPlanTests.instant("2026-12-02T08:00:00Z") }
            try await order(alfa, "2026-12-02", [film])
            let next = ReorderReminders(db: app.db, now: clock.withLockedValue { $0 }, timeZone: .gmt)
            #expect(try await next.run() == .init(opened: 0, answered: 1))
            let closed = try #require(try await TaskItem.find(task.id, on: app.db))
            #expect(closed.status == "done" && closed.outcome == ReorderReminders.orderedOutcome)
            let overview = try await seller.decode(ReorderRemindersAPIController.Overview.self, .GET, "/api/v1/reorder-reminders")
            #expect(overview.results == .init(days: 90, opened: 1, answered: 1, open: 0) && overview.settings == .standard)

            // The margin and minimum are the managers' to set, within bounds.
            #expect(try await seller.send(.PUT, "/api/v1/reorder-reminders/settings", json: ["reorderMarginPercent": 50, "minimumOrders": 5]).status == .forbidden)
            let bad = try await manager.send(.PUT, "/api/v1/reorder-reminders/settings", json: ["reorderMarginPercent": -5, "minimumOrders": 2])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("reorderMarginPercent") && bad.body.string.contains("minimumOrders"))
            let saved = try await manager.decode(ReorderReminders.Settings.self, .PUT, "/api/v1/reorder-reminders/settings",
                                                 json: ["reorderMarginPercent": 50, "minimumOrders": 5])
            #expect(saved == .init(reorderMarginPercent: 50, minimumOrders: 5))
            #expect(try await ReorderReminders.settings(on: app.db) == saved)
        }
    }
}
