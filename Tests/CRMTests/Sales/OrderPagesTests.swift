import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct OrderPagesTests {
    func signedIn(_ app: Application, _ email: String, role: Role) async throws -> TestBrowser {
        let (_, password) = try await app.makeUser(email, role: role)
        let browser = TestBrowser(app)
        try await browser.signIn(email, password)
        return browser
    }

    @Test func theListFiltersByStatusAccountAndPeriod() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let browser = try await signedIn(app, "rep@example.com", role: .sales)
            let all = try await browser.get("/orders")
            #expect(all.status == .ok && all.body.string.contains("Alpha") && all.body.string.contains("Gamma"))
            let drafts = try await browser.get("/orders?status=draft")
            #expect(drafts.body.string.contains("Gamma") && !drafts.body.string.contains(">Alpha<"))
            let alpha = try await browser.get("/orders?account=\(fixture.alpha)")
            #expect(alpha.body.string.contains("Orders of Alpha") && !alpha.body.string.contains(">Beta<"))
            let march = try await browser.get("/orders?from=2026-03&to=2026-03")
            #expect(march.body.string.contains("2026-03-10") && !march.body.string.contains("2026-01-15"))
            #expect(try await browser.get("/orders?from=March").status == .badRequest)
        }
    }

    @Test func anOrderIsShippedInvoicedAndPartlyPaidFromItsPage() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let orderID = try #require(fixture.orders["alpha1"])
            let browser = try await signedIn(app, "seller@example.com", role: .manager)
            let card = try await browser.get("/orders/\(orderID)")
            #expect(card.status == .ok && card.body.string.contains("Widget") && card.body.string.contains("200.00 EUR"))
            #expect(card.body.string.contains("Not invoiced yet."))

            let shipped = try await browser.post("/orders/\(orderID)/status", ["status": "shipped", "note": "Truck 4"])
            #expect(shipped.status == .seeOther)
            #expect(try await Order.find(orderID, on: app.db)?.status == "shipped")
            let wrong = try await browser.post("/orders/\(orderID)/status", ["status": "draft"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("cannot go from shipped to draft"))

            let invoiced = try await browser.post("/orders/\(orderID)/invoices", ["issueDate": "2026-10-01", "dueDate": "2026-10-31"])
            #expect(invoiced.status == .ok && invoiced.body.string.contains("issued"))
            let invoice = try #require(try await Invoice.query(on: app.db).filter(\.$order.$id == orderID).first())
            #expect(invoiced.body.string.contains("overdue"), "due 2026-10-31, and the fixture's today is later")
            #expect(!invoiced.body.string.contains("Issue invoice"), "invoiced in full, so nothing is left to invoice")

            let unreadable = try await browser.post("/invoices/\(invoice.id!)/payments", ["amount": "fifty", "paidOn": "2026-11-20"])
            #expect(unreadable.status == .unprocessableEntity && unreadable.body.string.contains("The amount must be written like 1250.50."))
            let tooMuch = try await browser.post("/invoices/\(invoice.id!)/payments", ["amount": "500", "paidOn": "2026-11-20"])
            #expect(tooMuch.status == .unprocessableEntity && tooMuch.body.string.contains("at most the outstanding"))
            let paid = try await browser.post("/invoices/\(invoice.id!)/payments", ["amount": "50", "paidOn": "2026-11-20"])
            #expect(paid.status == .ok && paid.body.string.contains("Payment of 50.00 EUR recorded."))
            #expect(try await Invoice.find(invoice.id, on: app.db)?.paidMinor == 5_000)
            let noReason = try await browser.post("/orders/\(orderID)/credit-notes", ["amount": "20", "reason": ""])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("must not be empty"))
            let tooMuchCredit = try await browser.post("/orders/\(orderID)/credit-notes", ["amount": "900", "reason": "Returned"])
            #expect(tooMuchCredit.status == .unprocessableEntity && tooMuchCredit.body.string.contains("invoiced and not yet credited"))
            let credited = try await browser.post("/orders/\(orderID)/credit-notes", ["amount": "20", "reason": "Two cups broken"])
            #expect(credited.status == .ok && credited.body.string.contains("Credit note #") && credited.body.string.contains("-20.00 EUR"))
            let overdue = try await browser.get("/invoices/overdue")
            #expect(overdue.body.string.contains("#\(invoice.number)") && overdue.body.string.contains(">25<"), "due 31 October, today 25 November")
            #expect(overdue.body.string.contains("150.00 EUR"), "what is still outstanding")
            let listed = try await fixture.api.decode(ListPage<Receivables.OverdueInvoice>.self, .GET, "/api/v1/invoices/overdue")
            #expect(listed.items.map(\.invoice.id) == [invoice.id!] && listed.items.first?.daysLate == 25)
            let history = try await browser.get("/orders/\(orderID)")
            #expect(history.body.string.contains("Confirmed → Shipped") && history.body.string.contains("Truck 4"))
        }
    }

    @Test func serviceStaffOnlyShipAndDeliver() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let orderID = try #require(fixture.orders["alpha1"])
            let browser = try await signedIn(app, "service@example.com", role: .service)
            let card = try await browser.get("/orders/\(orderID)")
            #expect(card.body.string.contains("value=\"shipped\"") && !card.body.string.contains("value=\"cancelled\""))
            #expect(!card.body.string.contains("Issue invoice"))
            #expect(try await browser.post("/orders/\(orderID)/status", ["status": "cancelled"]).status == .forbidden)
            #expect(try await browser.post("/orders/\(orderID)/status", ["status": "shipped"]).status == .seeOther)
        }
    }

    @Test func anOrderIsBookedFromTheAccountWithItsLinesAndTheCreditWarning() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            #expect(try await fixture.api.send(.PUT, "/api/v1/accounts/\(fixture.delta)/credit-limit", json: ["creditLimitMinor": 50_000]).status == .ok)
            let browser = try await signedIn(app, "booker@example.com", role: .sales)
            let form = try await browser.get("/accounts/\(fixture.delta)/orders/new")
            #expect(form.status == .ok && form.body.string.contains("New order for Delta") && form.body.string.contains(#"<option value="W-1 · Widget" label="100.00 EUR">"#))
            var fields = ["orderDate": "2026-11-20", "currency": "EUR", "status": "confirmed", "note": "Rush",
                          "lines[0][product]": fixture.widget.uuidString, "lines[0][quantity]": "3",
                          "lines[1][product]": fixture.bulk.uuidString, "lines[1][quantity]": "2", "lines[1][unitPrice]": "95.00",
                          "lines[1][discountPercent]": "10",
                          "lines[2][description]": "Installation", "lines[2][quantity]": "two"]
            let refused = try await browser.post("/accounts/\(fixture.delta)/orders/new", fields)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("must be a whole number"))
            #expect(refused.body.string.contains("Rush"), "what was typed stays")
            fields["lines[2][quantity]"] = "2"
            let noPrice = try await browser.post("/accounts/\(fixture.delta)/orders/new", fields)
            #expect(noPrice.status == .unprocessableEntity && noPrice.body.string.contains("is required for a line without a product"))
            #expect(try await Order.query(on: app.db).filter(\.$accountID == fixture.delta).count() == 0, "nothing is booked half")

            fields["lines[2][unitPrice]"] = "150"
            let booked = try await browser.post("/accounts/\(fixture.delta)/orders/new", fields)
            #expect(booked.status == .created && booked.body.string.contains("booked."))
            #expect(booked.body.string.contains("over its credit limit of 500.00 EUR"), "the credit check speaks at once")
            let order = try #require(try await Order.query(on: app.db).filter(\.$accountID == fixture.delta).with(\.$lines).first())
            // 3 × 100.00 + 2 × 95.00 less 10 % + 2 × 150.00 = 300.00 + 171.00 + 300.00
            #expect(order.revenueMinor == 77_100 && order.lines.count == 3 && order.status == "confirmed" && order.note == "Rush")
        }
    }

    @Test func serviceStaffDoNotBookOrders() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let browser = try await signedIn(app, "service@example.com", role: .service)
            #expect(try await browser.get("/accounts/\(fixture.delta)/orders/new").status == .forbidden)
            #expect(try await browser.post("/accounts/\(fixture.delta)/orders/new", ["lines[0][description]": "X"]).status == .forbidden)
        }
    }
}
