import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

/// Revising an order before it ships: lines replaced and priced again, every revision kept with who, when and what.
@Suite struct OrderRevisionTests {
    @Test func aRevisionReplacesTheLinesAndIsKeptWithWhoWhenAndWhat() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let orderID = try #require(fixture.orders["alpha1"])
            let lines: [[String: Any]] = [["productId": fixture.widget.uuidString, "quantity": 3], ["productId": fixture.bulk.uuidString, "quantity": 1]]
            let missingVersion = try await fixture.api.send(.POST, "/api/v1/orders/\(orderID)/revisions", json: ["lines": lines])
            #expect(missingVersion.status == .preconditionRequired)
            let revised = try await fixture.api.decode(OrderDTO.self, .POST, "/api/v1/orders/\(orderID)/revisions",
                                                       json: ["lines": lines, "reason": "Customer called"], ifMatch: "\"1\"")
            #expect(revised.revenueMinor == 40_000 && revised.costMinor == 23_500 && revised.version == 2)
            #expect(try await OrderLine.query(on: app.db).filter(\.$order.$id == orderID).count() == 2)
            let stale = try await fixture.api.send(.POST, "/api/v1/orders/\(orderID)/revisions", json: ["lines": lines], ifMatch: "\"1\"")
            #expect(stale.status == .conflict)
            let unchanged = try await fixture.api.send(.POST, "/api/v1/orders/\(orderID)/revisions", json: ["lines": lines], ifMatch: "\"2\"")
            #expect(unchanged.status == .unprocessableEntity && unchanged.body.string.contains("are unchanged"))

            let history = try await fixture.api.decode([OrderRevisionDTO].self, .GET, "/api/v1/orders/\(orderID)/revisions")
            #expect(history.count == 1)
            #expect(history.first?.changes == ["Widget: quantity 2 → 3", "added Bulk × 1 at 100.00 EUR"])
            #expect(history.first?.previousRevenueMinor == 20_000 && history.first?.revenueMinor == 40_000)
            #expect(history.first?.revisedBy?.id == fixture.manager.id && history.first?.reason == "Customer called")
            // The profit reports read the lines: they see the revised order.
            let counted = try await OrderLine.query(on: app.db).filter(\.$accountID == fixture.alpha).filter(\.$counts == true).all()
            #expect(counted.reduce(0) { $0 + $1.baseRevenueMinor } == 40_000 + 9_000)
        }
    }

    @Test func shippedInvoicedAndOtherPeoplesOrdersAreNotRevised() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let lines: [[String: Any]] = [["productId": fixture.widget.uuidString, "quantity": 9]]
            let alpha1 = try #require(fixture.orders["alpha1"]), alpha2 = try #require(fixture.orders["alpha2"])
            #expect(try await fixture.api.send(.POST, "/api/v1/orders/\(alpha1)/status", json: ["status": "shipped"]).status == .ok)
            let shipped = try await fixture.api.send(.POST, "/api/v1/orders/\(alpha1)/revisions", json: ["lines": lines], ifMatch: "\"2\"")
            #expect(shipped.status == .unprocessableEntity && shipped.body.string.contains("the order is shipped; issue a credit note instead"))
            #expect(try await fixture.api.send(.POST, "/api/v1/orders/\(alpha2)/invoices", json: [:]).status == .created)
            let invoiced = try await fixture.api.send(.POST, "/api/v1/orders/\(alpha2)/revisions", json: ["lines": lines], ifMatch: "\"1\"")
            #expect(invoiced.status == .unprocessableEntity && invoiced.body.string.contains("the order is invoiced"))

            let (rep, _) = try await app.apiClient("rep@example.com", role: .sales)
            let gamma1 = try #require(fixture.orders["gamma1"])
            let foreign = try await rep.send(.POST, "/api/v1/orders/\(gamma1)/revisions", json: ["lines": lines], ifMatch: "\"1\"")
            #expect(foreign.status == .forbidden, "a sales user cannot change another salesperson's order")
            let cancelled = try await rep.send(.POST, "/api/v1/orders/\(gamma1)/status", json: ["status": "cancelled"])
            #expect(cancelled.status == .forbidden, "nor cancel it")
            #expect(try await rep.send(.POST, "/api/v1/orders/\(gamma1)/status", json: ["status": "shipped"]).status == .ok, "anyone records a delivery")
            #expect(try await Order.find(gamma1, on: app.db)?.revenueMinor == 100_000)
            #expect(try await Order.find(gamma1, on: app.db)?.status == "shipped")
            #expect(try await OrderRevisionEntry.query(on: app.db).count() == 0)
        }
    }

    @Test func theOrderPageRevisesAndShowsTheHistory() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let orderID = try #require(fixture.orders["gammaDraft"])
            let (_, password) = try await app.makeUser("boss@example.com", role: .manager)
            let browser = TestBrowser(app)
            try await browser.signIn("boss@example.com", password)
            let card = try await browser.get("/orders/\(orderID)")
            #expect(card.body.string.contains("Revise the order"))
            let form = try await browser.get("/orders/\(orderID)/revise")
            #expect(form.status == .ok && form.body.string.contains(#"name="lines[0][quantity]" value="5""#))
            let bad = try await browser.post("/orders/\(orderID)/revise", ["version": "1", "lines[0][product]": fixture.widget.uuidString,
                                                                          "lines[0][quantity]": "many"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("must be a whole number"))
            let saved = try await browser.post("/orders/\(orderID)/revise", ["version": "1", "reason": "Two more", "lines[0][product]": fixture.widget.uuidString,
                                                                            "lines[0][quantity]": "7"])
            #expect(saved.status == .seeOther)
            let after = try await browser.get("/orders/\(orderID)")
            #expect(after.body.string.contains("Widget: quantity 5 → 7") && after.body.string.contains("Two more"))
            #expect(after.body.string.contains("500.00 EUR → 700.00 EUR"))
        }
    }
}
