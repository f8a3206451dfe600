import CRMCore
import Foundation
import Testing
import VaporTesting
@testable import CRM

@Suite struct ProfitReportTests {
    @Test func ordersCaptureCostsConvertCurrenciesAndPayCommissionByMarginTier() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let alpha1 = try await fixture.api.decode(OrderDTO.self, .GET, "/api/v1/orders/\(fixture.orders["alpha1"]!)")
            #expect(alpha1.revenueMinor == 20_000 && alpha1.costMinor == 10_000 && alpha1.status == "confirmed")
            #expect(alpha1.lines.first?.unitCostMinor == 5_000, "cost captured from the product")
            #expect(alpha1.lines.first?.marginTier == "A")
            #expect(alpha1.commissionMinor == 1_600, "8 % of 200.00 for an A line")
            let alpha2 = try await fixture.api.decode(OrderDTO.self, .GET, "/api/v1/orders/\(fixture.orders["alpha2"]!)")
            #expect(alpha2.revenueMinor == 9_000 && alpha2.lines.first?.marginTier == "C" && alpha2.commissionMinor == 180)
            let beta1 = try await fixture.api.decode(OrderDTO.self, .GET, "/api/v1/orders/\(fixture.orders["beta1"]!)")
            #expect(beta1.currency == "USD" && beta1.revenueMinor == 30_000 && beta1.baseRevenueMinor == 27_000 && beta1.baseCostMinor == 18_000)

            // A later cost change does not rewrite what past orders cost.
            app.clock = AppClock { SalesFixture.today.addingTimeInterval(3_600) }
            let widget = try await fixture.api.send(.GET, "/api/v1/products/\(fixture.widget)")
            let patched = try await fixture.api.send(.PATCH, "/api/v1/products/\(fixture.widget)", json: ["costMinor": 7_000],
                                                     ifMatch: widget.headers.first(name: .eTag))
            #expect(patched.status == .ok, "\(patched.body.string)")
            let history = try await fixture.api.decode([ProductCatalogue.PriceChangeDTO].self, .GET, "/api/v1/products/\(fixture.widget)/prices")
            #expect(history.map(\.costMinor) == [7_000, 5_000])
            let again = try await fixture.api.decode(OrderDTO.self, .GET, "/api/v1/orders/\(fixture.orders["alpha1"]!)")
            #expect(again.costMinor == 10_000)
        }
    }

    @Test func rankingByProfitWithComparisonMatchesHandFigures() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let report = try await fixture.api.decode(ProfitReports.Ranking.self, .GET,
                                                      "/api/v1/reports/profit?from=2026-01&to=2026-12&compareFrom=2025-01&compareTo=2025-12")
            #expect(report.rows.map(\.account.name) == ["Gamma", "Alpha", "Beta"], "by profit, not by revenue order")
            #expect(report.rows.map(\.figures.profitMinor) == [15_000, 10_500, 9_000])
            #expect(report.rows.map(\.figures.revenueMinor) == [100_000, 29_000, 27_000])
            #expect(report.rows.map(\.orders) == [1, 2, 1], "the draft does not count")
            #expect(report.rows.map(\.previousProfitMinor) == [0, 0, 5_000])
            #expect(report.rows.map(\.changeMinor) == [15_000, 10_500, 4_000])
            #expect(report.totals == ProfitReports.Figures(revenue: 156_000, cost: 121_500))
            #expect(report.accounts == 3)
            #expect(report.rows[0].figures.marginBasisPoints == 1_500)

            let page = try await fixture.api.decode(ProfitReports.Ranking.self, .GET, "/api/v1/reports/profit?from=2026-01&to=2026-12&limit=2&offset=2")
            #expect(page.rows.map(\.rank) == [3] && page.nextOffset == nil)
            let beyond = try await fixture.api.decode(ProfitReports.Ranking.self, .GET, "/api/v1/reports/profit?from=2026-01&to=2026-12&limit=2&offset=10")
            #expect(beyond.rows.isEmpty && beyond.accounts == 3 && beyond.totals.profitMinor == 34_500, "totals do not depend on the page")

            let csv = try await fixture.api.send(.GET, "/api/v1/reports/profit.csv?from=2026-01&to=2026-12")
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(separator: "\r\n")
            #expect(lines.first == "rank,account_id,account,orders,revenue,cost,profit,margin_percent")
            #expect(lines.dropFirst().first == "1,\(fixture.gamma.uuidString),Gamma,1,1000.00,850.00,150.00,15.00")

            let bad = try await fixture.api.send(.GET, "/api/v1/reports/profit?from=2026-13&to=2026-01")
            #expect(bad.status == .badRequest)
            #expect(try ErrorBody.of(bad).fields?["from"] == "must be a month written YYYY-MM")
        }
    }

    @Test func oneAccountByMonthYearProductAndOrder() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let report = try await fixture.api.decode(ProfitReports.AccountProfit.self, .GET,
                                                      "/api/v1/reports/profit/accounts/\(fixture.alpha)?from=2025-01&to=2026-12")
            #expect(report.months.map(\.key) == ["2026-01", "2026-03"])
            #expect(report.months.map(\.figures.profitMinor) == [10_000, 500])
            #expect(report.years.map(\.key) == ["2026"] && report.years.first?.figures.profitMinor == 10_500)
            #expect(report.products.map(\.label) == ["Widget", "Bulk"])
            #expect(report.products.map(\.quantity) == [2, 1])
            #expect(report.orders.map(\.label) == ["2026-03-10", "2026-01-15"])
            #expect(report.totals.profitMinor == 10_500)

            let csv = try await fixture.api.send(.GET, "/api/v1/reports/profit/accounts/\(fixture.alpha)/csv?from=2025-01&to=2026-12")
            #expect(csv.body.string.contains("month,2026-01,2026-01,,200.00,100.00,100.00"))
            #expect(csv.body.string.contains("product,\(fixture.widget.uuidString.lowercased()),Widget,2,200.00,100.00,100.00")
                    || csv.body.string.contains("product,\(fixture.widget.uuidString),Widget,2,200.00,100.00,100.00"))
        }
    }

    @Test func profitPageDrawsAChartAndTheTable() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            _ = fixture
            let (user, password) = try await app.makeUser("viewer@example.com")
            let browser = TestBrowser(app)
            try await browser.signIn(user.email, password)
            let page = try await browser.get("/reports/profit?from=2026-01&to=2026-12")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<svg"))
            #expect(page.body.string.contains("Gamma"))
            #expect(page.body.string.contains("150.00"))
        }
    }
}
