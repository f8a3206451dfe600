import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

@Suite struct SalesImportTests {
    func post(_ api: APIClient, _ kind: String, _ csv: String, dryRun: Bool = false) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders.bearer(api.token)
        headers.contentType = HTTPMediaType(type: "text", subType: "csv")
        return try await api.app.testing().sendRequest(.POST, "/api/v1/imports/\(kind)" + (dryRun ? "?dryRun=true" : ""),
                                                       headers: headers, body: ByteBuffer(string: csv))
    }

    func report(_ response: TestingHTTPResponse) throws -> SalesImport.Report {
        #expect(response.status == .ok, "\(response.body.string)")
        return try JSONDecoder().decode(SalesImport.Report.self, from: Data(response.body.string.utf8))
    }

    @Test func productsImportAfterADryRunAndUpdateBySKU() async throws {
        try await withTestApp { app in
            app.config.baseCurrency = "EUR"
            let (api, _) = try await app.apiClient("manager@example.com", role: .manager)
            let csv = "sku,name,price,cost,unit\nW-1,\"Widget, large\",\"1 250,50\",700.00,piece\nS-1,Service hour,65,26,hour\n"
            let dry = try report(try await post(api, "products", csv, dryRun: true))
            #expect(dry.dryRun && dry.products == 2)
            #expect(try await Product.query(on: app.db).count() == 0, "a dry run writes nothing")
            #expect(try report(try await post(api, "products", csv)).products == 2)
            let widget = try #require(try await Product.query(on: app.db).filter(\.$sku == "W-1").first())
            #expect(widget.name == "Widget, large" && widget.priceMinor == 125_050 && widget.costMinor == 70_000)
            #expect(try report(try await post(api, "products", "sku,cost\nW-1,800\n")).products == 1)
            #expect(try await ProductPriceChange.query(on: app.db).filter(\.$product.$id == widget.requireID()).count() == 2)

            let (rep, _) = try await app.apiClient("rep@example.com", role: .sales)
            #expect(try await post(rep, "products", csv).status == .forbidden)
        }
    }

    @Test func aFileWithBadRowsWritesNothingAndNamesEveryRow() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let (orders, lines, products) = (try await Order.query(on: app.db).count(), try await OrderLine.query(on: app.db).count(), try await Product.query(on: app.db).count())
            let csv = """
                order_ref,account,order_date,status,sku,quantity,unit_price
                A-1,Alpha,2025-06-01,delivered,W-1,2,
                A-1,Alpha,2025-06-01,delivered,W-1,two,
                B-1,Nobody Ltd,2025-06-02,delivered,W-1,1,
                C-1,Gamma,2025-06-03,delivered,NOPE,1,
                D-1,Gamma,2025-06-31,delivered,,1,10.00
                """
            let response = try await post(fixture.api, "orders", csv)
            #expect(response.status == .unprocessableEntity)
            let error = try ErrorBody.of(response)
            #expect(error.message == "The file has 5 error(s); nothing was imported.")
            #expect(error.fields == [
                "line 3: quantity": "must be a whole number",
                "line 4: account": "names no account",
                "line 5: sku": "names no product",
                "line 6: order_date": "must be a date written YYYY-MM-DD",
                "line 6: description": "is required for a line without a product",
            ])
            #expect(try await Order.query(on: app.db).count() == orders)
            #expect(try await OrderLine.query(on: app.db).count() == lines)
            #expect(try await Product.query(on: app.db).count() == products)
            let broken = try await post(fixture.api, "orders", "order_ref,account,quantity\n\"A-1,Alpha,1\n")
            #expect(try ErrorBody.of(broken).fields == ["line 2": "a quoted field is not closed"])
        }
    }

    @Test func historyOfOrdersInvoicesAndPaymentsComesIn() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let orders = """
                order_ref,account,order_date,status,salesperson,sku,description,quantity,unit_price,discount_percent,unit_cost,invoice_date,due_date
                H-1,Delta,2026-06-01,delivered,manager@example.com,W-1,,3,,10,,2026-06-02,2026-07-02
                H-1,Delta,2026-06-01,delivered,,,Set-up,1,200.00,,50.00,,
                H-2,Delta,2026-07-15,shipped,,B-1,,2,,,,,
                """
            let imported = try report(try await post(fixture.api, "orders", orders))
            #expect((imported.orders, imported.lines, imported.invoices) == (2, 3, 1))
            let payments = "order_ref,paid_on,amount,method\nH-1,2026-07-12,300.00,bank_transfer\nH-1,2026-07-22,170.00,card\n"
            #expect(try report(try await post(fixture.api, "payments", payments)).payments == 2)

            // H-1: 3 × 100.00 less 10 % = 270.00 (cost 150.00) + set-up 200.00 (cost 50.00); H-2 2 × Bulk 200.00 (cost 170.00).
            let profit = try await fixture.api.decode(ProfitReports.AccountProfit.self, .GET, "/api/v1/reports/profit/accounts/\(fixture.delta)?from=2026-01&to=2026-12")
            #expect(profit.months.map(\.figures.revenueMinor) == [47_000, 20_000])
            #expect(profit.totals.profitMinor == 47_000 - 20_000 + 20_000 - 17_000)
            let sales = try await fixture.api.decode(AccountSales.self, .GET, "/api/v1/accounts/\(fixture.delta)/sales")
            #expect(sales.openOrders.map(\.status) == ["shipped"])
            #expect(sales.balances.first?.paidLate == 1 && sales.balances.first?.averageDaysLate == 20 && sales.balances.first?.outstandingMinor == 0)
            let history = try await fixture.api.decode(OrderListPage.self, .GET, "/api/v1/orders?account=\(fixture.delta)")
            #expect(history.items.map(\.externalRef) == ["H-2", "H-1"])
            let again = try await post(fixture.api, "orders", orders)
            #expect(try ErrorBody.of(again).fields?["line 2: order_ref"] == "is already used by order #\(history.items[1].number)")
        }
    }

    @Test func anImportedPriceThatDiffersFromAHeldQuoteNeedsAReason() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            _ = try await fixture.api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": fixture.alpha.uuidString, "validUntil": "2026-12-31",
                "lines": [["productId": fixture.widget.uuidString, "quantity": 10, "unitPriceMinor": 9_000]],
            ])
            let csv = "order_ref,account,order_date,sku,quantity,unit_price\nQ-1,Alpha,2026-11-25,W-1,2,100.00\n"
            let refused = try await post(fixture.api, "orders", csv, dryRun: true)
            #expect(try ErrorBody.of(refused).fields?["line 2: price_reason"]?.hasPrefix("is required: line 1 (Widget) differs from 90.00 EUR") == true)
            let reasoned = csv.replacingOccurrences(of: "unit_price\n", with: "unit_price,price_reason\n").replacingOccurrences(of: "100.00\n", with: "100.00,List price agreed by phone\n")
            #expect(try report(try await post(fixture.api, "orders", reasoned)).orders == 1)
            #expect(try await Order.query(on: app.db).filter(\.$externalRef == "Q-1").first()?.priceReason == "List price agreed by phone")
        }
    }

    struct OrderListPage: Decodable { let items: [OrderDTO] }
}
