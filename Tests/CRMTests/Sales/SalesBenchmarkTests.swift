import Fluent
import SQLKit
import Testing
import VaporTesting
@testable import CRM

@Suite struct SalesBenchmarkTests {
    @Test func theBenchmarkFillsAnEmptyDatabaseAndItsFiguresAddUp() async throws {
        try await withTestApp { app in
            let indexes = try await CustomerBenchmarkTests().indexNames(app)
            app.environment.arguments = ["crm", "bench", "sales", "--accounts", "30", "--lines", "400", "--runs", "2"]
            try await app.startup()
            #expect(try await OrderLine.query(on: app.db).count() == 400)
            #expect(try await Account.query(on: app.db).count() == 30)
            #expect(try await CustomerBenchmarkTests().indexNames(app) == indexes, "indexes are back after the load")
            // Each order's totals are the sums of its lines, as the app would have written them.
            let sql = app.db.sql
            let mismatched = try await sql.raw("""
                SELECT COUNT(*) AS n FROM orders o
                WHERE o.revenue_minor <> (SELECT SUM(l.revenue_minor) FROM order_lines l WHERE l.order_id = o.id)
                   OR o.commission_minor <> (SELECT SUM(l.commission_minor) FROM order_lines l WHERE l.order_id = o.id)
                """).first()?.decode(column: "n", as: Int.self)
            #expect(mismatched == 0)
            let order = try #require(try await Order.query(on: app.db).with(\.$salesperson).with(\.$lines).first())
            #expect(try await OrderDTO.of(order, on: app.db).lines.count == order.lines.count, "bulk rows read back through the models")
            #expect(try await AccountTier.query(on: app.db).count() == 30, "the tier runs wrote every account")
        }
    }
}
