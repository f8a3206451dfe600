import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

@Suite struct CommissionTests {
    @Test func commissionsByTierPerSalespersonAndMonthEachSeesOwn() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let (rep, repUser) = try await app.apiClient("rep@example.com", role: .sales)
            _ = try await rep.decode(OrderDTO.self, .POST, "/api/v1/orders", json: [
                "accountId": fixture.delta.uuidString, "orderDate": "2026-05-05", "lines": [["productId": fixture.widget.uuidString, "quantity": 1]],
            ], status: .created)

            let all = try await fixture.api.decode(Commissions.Report.self, .GET, "/api/v1/reports/commissions?from=2026-01&to=2026-12")
            // Manager: Widget A 8 % of 200.00, Installation B 5 % of 270.00, Bulk C 2 % of 1000.00 and of 90.00.
            let manager = all.rows.filter { $0.salesperson.id == fixture.manager.id }
            #expect(manager.map(\.month) == ["2026-01", "2026-02", "2026-03", nil])
            #expect(manager.map(\.commissionMinor) == [1_600, 3_350, 180, 5_130])
            #expect(manager.last?.revenueMinor == 156_000 && manager.last?.profitMinor == 34_500)
            #expect(manager.last?.byTier == [Commissions.TierFigures(tier: "A", revenueMinor: 20_000, commissionMinor: 1_600),
                                             Commissions.TierFigures(tier: "B", revenueMinor: 27_000, commissionMinor: 1_350),
                                             Commissions.TierFigures(tier: "C", revenueMinor: 109_000, commissionMinor: 2_180)])
            #expect(all.rows.filter { $0.salesperson.id == repUser.id }.map(\.commissionMinor) == [800, 800])

            let own = try await rep.decode(Commissions.Report.self, .GET, "/api/v1/reports/commissions?from=2026-01&to=2026-12")
            #expect(Set(own.rows.map(\.salesperson.id)) == [try repUser.requireID()], "a salesperson sees only their own")
            #expect(try await rep.send(.GET, "/api/v1/reports/commissions?salesperson=\(fixture.manager.id!)").status == .forbidden)
        }
    }
}

/// An order is the sale of whoever looks after the customer unless someone is named: a manager typing in or
/// importing an order does not take the commission.
@Suite struct OrderSalespersonTests {
    @Test func aManagersOrderWithoutASalespersonGoesToTheAccountOwner() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let (rep, repUser) = try await app.apiClient("rep@example.com", role: .sales)
            let echo = try await rep.createAccount(["name": "Echo"]).id
            let line: [[String: Any]] = [["productId": fixture.widget.uuidString, "quantity": 1]]

            let typedIn = try await fixture.api.decode(OrderDTO.self, .POST, "/api/v1/orders", json: ["accountId": echo.uuidString, "lines": line], status: .created)
            let named = try await fixture.api.decode(OrderDTO.self, .POST, "/api/v1/orders", json: [
                "accountId": echo.uuidString, "salespersonId": fixture.manager.id!.uuidString, "lines": line], status: .created)
            let repsOwn = try await rep.decode(OrderDTO.self, .POST, "/api/v1/orders", json: ["accountId": fixture.alpha.uuidString, "lines": line], status: .created)
            let csv = "order_ref,account,sku,quantity\nX-1,Echo,W-1,2\n"
            let imported = try await SalesImportTests().post(fixture.api, "orders", csv)
            let importedOrder = try #require(try await Order.query(on: app.db).filter(\.$externalRef == "X-1").first())

            #expect(typedIn.salesperson?.id == repUser.id)
            #expect(named.salesperson?.id == fixture.manager.id)
            #expect(repsOwn.salesperson?.id == repUser.id, "a salesperson books their own sale, whoever owns the account")
            #expect(imported.status == .ok || imported.status == .created)
            #expect(importedOrder.$salesperson.id == repUser.id)
        }
    }
}
