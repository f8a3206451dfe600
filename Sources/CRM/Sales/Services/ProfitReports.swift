import CRMCore
import Fluent
import SQLKit
import Vapor

/// Profit contribution in the base currency, aggregated by the database: a ranking of all accounts for a period
/// (optionally against an earlier one) and one account by month, year and product.
enum ProfitReports {
    struct Figures: Content, Equatable {
        let revenueMinor: Int64
        let costMinor: Int64
        let profitMinor: Int64
        /// Profit / revenue in basis points; nil without revenue.
        let marginBasisPoints: Int64?

        init(revenue: Int64, cost: Int64) {
            revenueMinor = revenue
            costMinor = cost
            profitMinor = revenue - cost
            marginBasisPoints = Margin.basisPoints(priceMinor: revenue, costMinor: cost)
        }

        static let fields: [(String, JSONSchema)] = [
            ("revenueMinor", .integer()), ("costMinor", .integer()), ("profitMinor", .integer()), ("marginBasisPoints", .nullable(.integer())),
        ]
    }

    struct Period: Sendable {
        let from: String
        let to: String
    }

    struct RankingRow: Content {
        let rank: Int
        let account: AccountRef
        let orders: Int
        let figures: Figures
        /// Profit in the comparison period, and the change from it to this one.
        let previousProfitMinor: Int64?
        let changeMinor: Int64?
    }

    struct Ranking: Content {
        let from: String
        let to: String
        let compareFrom: String?
        let compareTo: String?
        let currency: String
        let totals: Figures
        let accounts: Int
        let rows: [RankingRow]
        let nextOffset: Int?
    }

    static func ranking(_ period: Period, compare: Period?, limit: Int, offset: Int, currency: String, on db: any Database) async throws -> Ranking {
        let sql = db.sql
        // One pass over the period's orders: the grouped accounts give both the page and the totals (the one row
        // of `t` carries the totals even when the page is empty).
        let raw = try await sql.raw("""
            WITH g AS (
              SELECT account_id, COUNT(*) AS orders, SUM(base_revenue_minor) AS revenue, SUM(base_cost_minor) AS cost
              FROM orders WHERE counts = \(bind: true) AND order_month >= \(bind: period.from) AND order_month <= \(bind: period.to)
              GROUP BY account_id
            ), t AS (
              SELECT COUNT(*) AS accounts, CAST(COALESCE(SUM(revenue), 0) AS BIGINT) AS total_revenue,
                     CAST(COALESCE(SUM(cost), 0) AS BIGINT) AS total_cost FROM g
            ), p AS (
              SELECT g.account_id, a.name, g.orders, g.revenue, g.cost FROM g JOIN accounts a ON a.id = g.account_id
              ORDER BY g.revenue - g.cost DESC, g.account_id LIMIT \(bind: limit + 1) OFFSET \(bind: offset)
            )
            SELECT p.account_id, p.name, p.orders, CAST(p.revenue AS BIGINT) AS revenue, CAST(p.cost AS BIGINT) AS cost,
                   t.accounts, t.total_revenue, t.total_cost
            FROM t LEFT JOIN p ON 1 = 1
            ORDER BY p.revenue - p.cost DESC, p.account_id
            """).all()
        let totals = raw.first
        let rows = try raw.filter { try !$0.decodeNil(column: "account_id") }
        let shown = rows.prefix(limit)
        let ids = try shown.map { try $0.decode(column: "account_id", as: UUID.self) }
        var previous: [UUID: Int64] = [:]
        if let compare, !ids.isEmpty {
            for row in try await sql.raw("""
                SELECT account_id, CAST(SUM(base_revenue_minor - base_cost_minor) AS BIGINT) AS profit FROM orders
                WHERE counts = \(bind: true) AND order_month >= \(bind: compare.from) AND order_month <= \(bind: compare.to)
                  AND account_id IN (\(binds: ids))
                GROUP BY account_id
                """).all() {
                previous[try row.decode(column: "account_id", as: UUID.self)] = try row.decode(column: "profit", as: Int64.self)
            }
        }
        let ranked = try shown.enumerated().map { index, row in
            let id = try row.decode(column: "account_id", as: UUID.self)
            let figures = Figures(revenue: try row.decode(column: "revenue", as: Int64.self), cost: try row.decode(column: "cost", as: Int64.self))
            let before = compare == nil ? nil : previous[id] ?? 0
            return RankingRow(rank: offset + index + 1, account: AccountRef(id: id, name: try row.decode(column: "name", as: String.self)),
                              orders: try row.decode(column: "orders", as: Int.self), figures: figures,
                              previousProfitMinor: before, changeMinor: before.map { figures.profitMinor - $0 })
        }
        return Ranking(from: period.from, to: period.to, compareFrom: compare?.from, compareTo: compare?.to, currency: currency,
                       totals: Figures(revenue: try totals?.decode(column: "total_revenue", as: Int64.self) ?? 0,
                                       cost: try totals?.decode(column: "total_cost", as: Int64.self) ?? 0),
                       accounts: try totals?.decode(column: "accounts", as: Int.self) ?? 0,
                       rows: ranked, nextOffset: rows.count > limit ? offset + limit : nil)
    }

    struct Bucket: Content {
        let key: String
        let label: String
        let quantity: Int64?
        let figures: Figures
    }

    struct AccountProfit: Content {
        let account: AccountRef
        let from: String
        let to: String
        let currency: String
        let totals: Figures
        let months: [Bucket]
        let years: [Bucket]
        let products: [Bucket]
        let orders: [Bucket]
    }

    static func account(_ account: AccountRef, _ period: Period, currency: String, on db: any Database) async throws -> AccountProfit {
        let sql = db.sql
        let id = account.id
        func buckets(_ query: SQLQueryString, label: (any SQLRow) throws -> String = { try $0.decode(column: "key", as: String.self) }) async throws -> [Bucket] {
            try await sql.raw(query).all().map { row in
                Bucket(key: try row.decode(column: "key", as: String.self), label: try label(row),
                       quantity: try row.decode(column: "quantity", as: Int64?.self),
                       figures: Figures(revenue: try row.decode(column: "revenue", as: Int64.self), cost: try row.decode(column: "cost", as: Int64.self)))
            }
        }
        let filter: SQLQueryString = "account_id = \(bind: id) AND counts = \(bind: true) AND order_month >= \(bind: period.from) AND order_month <= \(bind: period.to)"
        let sums: SQLQueryString = "CAST(SUM(base_revenue_minor) AS BIGINT) AS revenue, CAST(SUM(base_cost_minor) AS BIGINT) AS cost"
        let months = try await buckets("SELECT order_month AS key, NULL AS quantity, \(sums) FROM orders WHERE \(filter) GROUP BY order_month ORDER BY order_month")
        let years = try await buckets("""
            SELECT SUBSTR(order_month, 1, 4) AS key, NULL AS quantity, \(sums) FROM orders WHERE \(filter)
            GROUP BY SUBSTR(order_month, 1, 4) ORDER BY SUBSTR(order_month, 1, 4)
            """)
        let products = try await buckets("""
            SELECT COALESCE(CAST(l.product_id AS TEXT), '') AS key, COALESCE(MAX(p.name), MAX(l.description)) AS label,
                   CAST(SUM(l.quantity) AS BIGINT) AS quantity, CAST(SUM(l.base_revenue_minor) AS BIGINT) AS revenue,
                   CAST(SUM(l.base_cost_minor) AS BIGINT) AS cost
            FROM order_lines l LEFT JOIN products p ON p.id = l.product_id
            WHERE l.account_id = \(bind: id) AND l.counts = \(bind: true) AND l.order_month >= \(bind: period.from) AND l.order_month <= \(bind: period.to)
            GROUP BY l.product_id
            ORDER BY SUM(l.base_revenue_minor) - SUM(l.base_cost_minor) DESC
            LIMIT 100
            """, label: { try $0.decode(column: "label", as: String.self) })
        let orders = try await buckets("""
            SELECT CAST(number AS TEXT) AS key, order_date AS label, NULL AS quantity, base_revenue_minor AS revenue, base_cost_minor AS cost
            FROM orders WHERE \(filter) ORDER BY order_date DESC, number DESC LIMIT 100
            """, label: { try $0.decode(column: "label", as: String.self) })
        let totals = years.reduce((revenue: Int64(0), cost: Int64(0))) { ($0.revenue + $1.figures.revenueMinor, $0.cost + $1.figures.costMinor) }
        return AccountProfit(account: AccountRef(id: id, name: account.name), from: period.from, to: period.to, currency: currency,
                             totals: Figures(revenue: totals.revenue, cost: totals.cost), months: months, years: years, products: products, orders: orders)
    }
}
