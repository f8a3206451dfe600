import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

@Suite struct OrderLifecycleTests {
    @Test func statusMovesFollowTheWorkflowAndAreRecorded() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let path = "/api/v1/orders/\(fixture.orders["gamma1"]!)"
            let shipped = try await fixture.api.decode(OrderDTO.self, .POST, path + "/status", json: ["status": "shipped", "note": "truck 7"])
            #expect(shipped.status == "shipped" && shipped.nextStatuses == ["delivered"])

            let refused = try await fixture.api.send(.POST, path + "/status", json: ["status": "cancelled"])
            #expect(refused.status == .unprocessableEntity)
            #expect(try ErrorBody.of(refused).fields?["status"] == "cannot go from shipped to cancelled; next may be delivered")
            #expect(try await fixture.api.decode(OrderDTO.self, .GET, path).status == "shipped", "nothing changed")

            let history = try await fixture.api.decode([StatusChangeDTO].self, .GET, path + "/history")
            #expect(history.map(\.to) == ["confirmed", "shipped"])
            #expect(history.last?.from == "confirmed" && history.last?.note == "truck 7" && history.last?.changedBy?.name == "manager@example.com")

            // A cancelled order stops counting as a sale.
            _ = try await fixture.api.decode(OrderDTO.self, .POST, "/api/v1/orders/\(fixture.orders["alpha2"]!)/status", json: ["status": "cancelled"])
            let report = try await fixture.api.decode(ProfitReports.Ranking.self, .GET, "/api/v1/reports/profit?from=2026-01&to=2026-12")
            #expect(report.rows.first { $0.account.name == "Alpha" }?.figures.profitMinor == 10_000)
            let lines = try await fixture.api.decode(ProfitReports.AccountProfit.self, .GET, "/api/v1/reports/profit/accounts/\(fixture.alpha)?from=2026-01&to=2026-12")
            #expect(lines.products.map(\.label) == ["Widget"], "its lines stop counting too")
        }
    }

    @Test func badOrdersAreRefusedWholeWithEveryFieldNamed() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let before = try await Order.query(on: app.db).count()
            let bad = try await fixture.api.send(.POST, "/api/v1/orders", json: [
                "accountId": fixture.alpha.uuidString, "orderDate": "2026-02-30",
                "lines": [["productId": fixture.widget.uuidString, "quantity": 0],
                          ["description": "Loose item", "quantity": 1],
                          ["productId": UUID().uuidString, "quantity": 1],
                          ["productId": fixture.widget.uuidString, "quantity": 1, "discountBasisPoints": 12_000]],
            ])
            #expect(bad.status == .unprocessableEntity)
            let fields = try ErrorBody.of(bad).fields ?? [:]
            #expect(fields["orderDate"] == "must be a date written YYYY-MM-DD")
            #expect(fields["lines[0].quantity"] == "quantity must be at least 1")
            #expect(fields["lines[1].unitPriceMinor"] == "is required for a line without a product")
            #expect(fields["lines[2].productId"] == "names no product")
            #expect(fields["lines[3].discountBasisPoints"] == "discount must be between 0 and 100 %")

            let noRate = try await fixture.api.send(.POST, "/api/v1/orders", json: [
                "accountId": fixture.alpha.uuidString, "currency": "GBP", "lines": [["description": "x", "quantity": 1, "unitPriceMinor": 100]],
            ])
            #expect(try ErrorBody.of(noRate).fields?["currency"] == "has no exchange rate to EUR recorded on or before 2026-11-25")
            let unknown = try await fixture.api.send(.POST, "/api/v1/orders", json: ["accountId": fixture.alpha.uuidString, "lines": [], "discount": 5])
            #expect(unknown.status == .unprocessableEntity)
            #expect(try await Order.query(on: app.db).count() == before)
            #expect(try await OrderLine.query(on: app.db).count() == 6)

            let (service, _) = try await app.apiClient("service@example.com", role: .service)
            let forbidden = try await service.send(.POST, "/api/v1/orders", json: ["accountId": fixture.alpha.uuidString, "lines": [["productId": fixture.widget.uuidString, "quantity": 1]]])
            #expect(forbidden.status == .forbidden)
        }
    }

    @Test func invoicesPaymentsCreditNotesAndPaymentRecord() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let api = fixture.api
            let order = "/api/v1/orders/\(fixture.orders["alpha1"]!)"
            // Invoiced 2026-01-15, due 2026-02-14; paid in two parts, the last on 2026-02-24: ten days late.
            let invoice = try await api.decode(InvoiceDTO.self, .POST, order + "/invoices", json: ["issueDate": "2026-01-15"], status: .created)
            #expect(invoice.amountMinor == 20_000 && invoice.dueDate == "2026-02-14" && invoice.number == 1)
            #expect(try await api.send(.POST, order + "/invoices", json: [:]).status == .conflict, "invoiced in full")
            let part = try await api.decode(PaymentDTO.self, .POST, "/api/v1/invoices/\(invoice.id)/payments",
                                            json: ["paidOn": "2026-02-01", "amountMinor": 5_000, "method": "card"], status: .created)
            #expect(part.invoice.outstandingMinor == 15_000 && part.invoice.paidOn == nil)
            let over = try await api.send(.POST, "/api/v1/invoices/\(invoice.id)/payments", json: ["amountMinor": 15_001])
            #expect(try ErrorBody.of(over).fields?["amountMinor"] == "must be at most the outstanding 150.00")
            let rest = try await api.decode(PaymentDTO.self, .POST, "/api/v1/invoices/\(invoice.id)/payments",
                                            json: ["paidOn": "2026-02-24", "amountMinor": 15_000], status: .created)
            #expect(rest.invoice.paidOn == "2026-02-24" && rest.invoice.outstandingMinor == 0)

            // Alpha's second order: invoiced, unpaid, due 2026-04-09 and so overdue on 2026-11-25; partly credited.
            let second = "/api/v1/orders/\(fixture.orders["alpha2"]!)"
            let open = try await api.decode(InvoiceDTO.self, .POST, second + "/invoices", json: ["issueDate": "2026-03-10"], status: .created)
            let tooMuch = try await api.send(.POST, second + "/credit-notes", json: ["amountMinor": 9_001, "reason": "damaged"])
            #expect(tooMuch.status == .unprocessableEntity)
            let credit = try await api.decode(InvoiceDTO.self, .POST, second + "/credit-notes", json: ["amountMinor": 1_000, "reason": "damaged box"], status: .created)
            #expect(credit.kind == "credit_note" && credit.amountMinor == -1_000)
            #expect(try await api.send(.POST, "/api/v1/invoices/\(credit.id)/payments", json: ["amountMinor": 1]).status == .unprocessableEntity)

            // A shipped order is open: the caller is told where it is.
            _ = try await api.decode(OrderDTO.self, .POST, second + "/status", json: ["status": "shipped"])
            let sales = try await api.decode(AccountSales.self, .GET, "/api/v1/accounts/\(fixture.alpha)/sales")
            #expect(sales.openOrders.map(\.statusLabel) == ["Shipped", "Confirmed"])
            let balance = try #require(sales.balances.first)
            #expect(balance.currency == "EUR" && balance.invoices == 2)
            #expect(balance.outstandingMinor == open.amountMinor - 1_000)
            #expect(balance.overdueMinor == open.amountMinor)
            #expect(balance.paidLate == 1 && balance.averageDaysLate == 10)
            #expect(sales.orders == 2 && sales.lastOrderDate == "2026-03-10")
            #expect(sales.averageDaysBetweenOrders == 54 && sales.expectedNextOrder == "2026-05-03")
            #expect(sales.productsBought?.map(\.name) == ["Widget", "Bulk"])
            let invoices = try await api.decode([InvoiceDTO].self, .GET, "/api/v1/accounts/\(fixture.alpha)/invoices")
            #expect(invoices.map(\.kind) == ["credit_note", "invoice", "invoice"])
        }
    }

    @Test func tiersByProfitWithHistory() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let (admin, _) = try await app.apiClient("boss@example.com", role: .admin)
            #expect(try await admin.decode(ProfitTiering.Settings.self, .PUT, "/api/v1/tier-settings", json: ["aPercent": 50, "bPercent": 30]).aPercent == 50)
            #expect(try await admin.send(.PUT, "/api/v1/tier-settings", json: ["aPercent": 90, "bPercent": 30]).status == .unprocessableEntity)
            // Trailing twelve months to 2026-11: Gamma 150.00, Alpha 105.00, Beta 90.00 (its 2025 order is too old), Delta nothing.
            let first = try await fixture.api.decode(ProfitTiering.Result.self, .POST, "/api/v1/tiers/recompute")
            #expect(first.from == "2025-12" && first.to == "2026-11")
            #expect((first.a, first.b, first.c, first.changed) == (2, 1, 1, 4))
            func tier(_ account: UUID) async throws -> String? {
                try await fixture.api.decode(AccountSales.self, .GET, "/api/v1/accounts/\(account)/sales").tier
            }
            #expect(try await tier(fixture.gamma) == "A")
            #expect(try await tier(fixture.alpha) == "A")
            #expect(try await tier(fixture.beta) == "B")
            #expect(try await tier(fixture.delta) == "C")
            #expect(try await fixture.api.decode(ProfitTiering.Result.self, .POST, "/api/v1/tiers/recompute").changed == 0)

            _ = try await admin.decode(ProfitTiering.Settings.self, .PUT, "/api/v1/tier-settings", json: ["aPercent": 40, "bPercent": 40])
            #expect(try await fixture.api.decode(ProfitTiering.Result.self, .POST, "/api/v1/tiers/recompute").changed == 1)
            let changes = try await AccountTierChange.query(on: app.db).filter(\.$accountID == fixture.alpha).sort(\.$changedAt).all()
            #expect(changes.map(\.toTier) == ["A", "B"] && changes.last?.fromTier == "A")

            let (sales, _) = try await app.apiClient("rep@example.com", role: .sales)
            #expect(try await sales.send(.POST, "/api/v1/tiers/recompute").status == .forbidden)
        }
    }

    @Test func callerLookupAndAccountCardShowOpenOrdersBalanceAndTier() async throws {
        try await withTestApp { app in
            app.config.defaultCountry = "LT"
            let fixture = try await SalesFixture.make(app)
            try await fixture.api.createContact(["displayName": "Greta Gamma", "accountId": fixture.gamma.uuidString,
                                                 "phones": [["label": "mobile", "value": "+370 612 00001"]]])
            _ = try await fixture.api.decode(ProfitTiering.Result.self, .POST, "/api/v1/tiers/recompute")
            let gammaOrder = try await fixture.api.decode(OrderDTO.self, .GET, "/api/v1/orders/\(fixture.orders["gamma1"]!)")
            _ = try await fixture.api.decode(InvoiceDTO.self, .POST, "/api/v1/orders/\(gammaOrder.id)/invoices", json: ["issueDate": "2026-02-20"], status: .created)

            struct Answer: Decodable { struct Caller: Decodable { let name: String; let sales: AccountSales? }; let matches: [Caller] }
            let result = try await fixture.api.decode(Answer.self, .GET, "/api/v1/lookup?phone=861200001")
            #expect(result.matches.map(\.name) == ["Greta Gamma"])
            let sales = try #require(result.matches.first?.sales, "Sales adds the account's summary to each caller")
            #expect(sales.tier == "A")
            #expect(sales.openOrders.map(\.number) == [gammaOrder.number], "the draft is not an open order")
            #expect(sales.balances.first?.overdueMinor == 100_000)
            #expect(sales.orders == nil && sales.productsBought == nil, "the caller screen gets the brief summary")

            let (user, password) = try await app.makeUser("caller@example.com", role: .service)
            let browser = TestBrowser(app)
            try await browser.signIn(user.email, password)
            let screen = try await browser.get("/lookup?phone=861200001").body.string
            #expect(screen.contains("Tier A") && screen.contains("#\(gammaOrder.number)") && screen.contains("1,000.00 EUR overdue"))
            let card = try await browser.get("/accounts/\(fixture.gamma)").body.string
            #expect(card.contains("Tier A") && card.contains("Confirmed") && card.contains("Bulk (10)"))
            let list = try await browser.get("/accounts?sort=name").body.string
            #expect(list.contains("<td>A</td>"), "the tier shows in the account list")
        }
    }

    @Test func creditLimitWarnsAndBooksAreKeptFromErasure() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let (rep, _) = try await app.apiClient("rep@example.com", role: .sales)
            #expect(try await rep.send(.PUT, "/api/v1/accounts/\(fixture.delta)/credit-limit", json: ["creditLimitMinor": 10_000]).status == .forbidden)
            let limited = try await fixture.api.decode(AccountSales.self, .PUT, "/api/v1/accounts/\(fixture.delta)/credit-limit", json: ["creditLimitMinor": 10_000])
            #expect(limited.creditLimitMinor == 10_000)
            let order = try await fixture.api.decode(OrderDTO.self, .POST, "/api/v1/orders", json: [
                "accountId": fixture.delta.uuidString, "lines": [["productId": fixture.widget.uuidString, "quantity": 2]],
            ], status: .created)
            #expect(order.warnings == ["Delta owes 0.00 EUR; with this order of 200.00 EUR that is over its credit limit of 100.00 EUR."])
            let within = try await fixture.api.decode(OrderDTO.self, .POST, "/api/v1/orders", json: [
                "accountId": fixture.alpha.uuidString, "lines": [["productId": fixture.widget.uuidString, "quantity": 2]],
            ], status: .created)
            #expect(within.warnings.isEmpty)

            let (admin, _) = try await app.apiClient("eraser@example.com", role: .admin)
            let erase = try await admin.send(.DELETE, "/api/v1/accounts/\(fixture.alpha)")
            #expect(erase.status == .conflict)
            #expect(try await Account.find(fixture.alpha, on: app.db) != nil, "the books keep their customer")
        }
    }

    @Test func tiersByVolumeAndByProfitDisagree() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            // By revenue (1,560.00 in all) Beta comes after 82.7 %: B. By profit (345.00) after 73.9 %: A.
            let report = try await fixture.api.decode(ProfitTiering.Disagreements.self, .GET, "/api/v1/reports/tier-disagreements")
            #expect(report.rows.map(\.account.name) == ["Beta"])
            #expect(report.rows.first.map { ($0.tierByRevenue, $0.tierByProfit, $0.profitMinor) } ?? ("", "", 0) == ("B", "A", 9_000))
            let (user, password) = try await app.makeUser("viewer@example.com")
            let browser = TestBrowser(app)
            try await browser.signIn(user.email, password)
            #expect(try await browser.get("/reports/tiers").body.string.contains("Beta"))
        }
    }

    /// Found by schemathesis: an empty date crashed the server (it was neither absent nor an error).
    @Test func emptyOrOddValuesAreDefaultsOrFieldErrorsNeverACrash() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let order = "/api/v1/orders/\(fixture.orders["alpha1"]!)"
            let early = try await fixture.api.send(.POST, order + "/invoices", json: ["issueDate": "", "dueDate": "2000-01-01"])
            #expect(try ErrorBody.of(early).fields?["dueDate"] == "must not be before the issue date")
            let made = try await fixture.api.decode(InvoiceDTO.self, .POST, order + "/invoices", json: ["issueDate": "", "dueDate": ""], status: .created)
            #expect(made.issueDate == "2026-11-25" && made.dueDate == "2026-12-25")
            let paid = try await fixture.api.decode(PaymentDTO.self, .POST, "/api/v1/invoices/\(made.id)/payments",
                                                    json: ["paidOn": "", "method": "", "amountMinor": 100], status: .created)
            #expect(paid.paidOn == "2026-11-25" && paid.method == "bank_transfer")
            _ = try await fixture.api.decode(InvoiceDTO.self, .POST, "/api/v1/orders/\(fixture.orders["alpha2"]!)/invoices", json: [:], status: .created)
            let credit = try await fixture.api.send(.POST, "/api/v1/orders/\(fixture.orders["alpha2"]!)/credit-notes", json: ["issueDate": "", "amountMinor": 1, "reason": "x"])
            #expect(credit.status == .created)
            let dated = try await fixture.api.decode(OrderDTO.self, .POST, "/api/v1/orders", json: [
                "accountId": fixture.alpha.uuidString, "orderDate": "", "lines": [["productId": fixture.widget.uuidString, "quantity": 1]],
            ], status: .created)
            #expect(dated.orderDate == "2026-11-25")
            let (admin, _) = try await app.apiClient("root@example.com", role: .admin)
            let rate = try await admin.send(.POST, "/api/v1/exchange-rates", json: ["currency": "GBP", "validFrom": "", "rate": "1.1"])
            #expect(try ErrorBody.of(rate).fields?["validFrom"] == "is required")
            // Each line fits in 64 bits at a steep rate; their total does not.
            #expect(try await admin.send(.POST, "/api/v1/exchange-rates", json: ["currency": "GBP", "validFrom": "2026-01-01", "rate": "30000"]).status == .created)
            let huge = try await fixture.api.send(.POST, "/api/v1/orders", json: [
                "accountId": fixture.beta.uuidString, "currency": "GBP",
                "lines": Array(repeating: ["description": "x", "quantity": 300_000_000_000, "unitPriceMinor": 1_000], count: 20),
            ])
            #expect(try ErrorBody.of(huge).fields?["lines"] == "amounts are too large")
        }
    }
}
