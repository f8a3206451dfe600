import CRMCore
import Fluent
import SQLKit
import Vapor

/// What each salesperson sold per month, what it earned the company and what it earns them: commission comes
/// from the margin tier of each line, captured when the line was sold. Aggregated by the database.
enum Commissions {
    struct TierFigures: Content, Equatable {
        let tier: String
        let revenueMinor: Int64
        let commissionMinor: Int64
    }

    struct Row: Content, Equatable {
        let salesperson: UserRef
        /// `YYYY-MM`, or nil on the row that totals the period.
        let month: String?
        let revenueMinor: Int64
        let costMinor: Int64
        let profitMinor: Int64
        let commissionMinor: Int64
        let byTier: [TierFigures]
    }

    struct Report: Content {
        let from: String
        let to: String
        let currency: String
        /// Per salesperson and month, then one total per salesperson (month nil), salespeople by name.
        let rows: [Row]
    }

    static func load(_ period: ProfitReports.Period, salesperson: UUID?, currency: String, on db: any Database) async throws -> Report {
        let sql = db.sql
        let only: SQLQueryString = salesperson.map { "AND l.salesperson_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT l.salesperson_id, u.name, l.order_month, l.margin_tier,
                   CAST(SUM(l.base_revenue_minor) AS BIGINT) AS revenue, CAST(SUM(l.base_cost_minor) AS BIGINT) AS cost,
                   CAST(SUM(l.commission_minor) AS BIGINT) AS commission
            FROM order_lines l JOIN users u ON u.id = l.salesperson_id
            WHERE l.counts = \(bind: true) AND l.order_month >= \(bind: period.from) AND l.order_month <= \(bind: period.to) \(only)
            GROUP BY l.salesperson_id, u.name, l.order_month, l.margin_tier
            ORDER BY u.name, l.salesperson_id, l.order_month, l.margin_tier
            """).all()
        struct Key: Hashable { let id: UUID; let month: String? }
        var order: [Key] = []
        var names: [UUID: String] = [:]
        var sums: [Key: (revenue: Int64, cost: Int64, commission: Int64, tiers: [String: (Int64, Int64)])] = [:]
        for row in rows {
            let id = try row.decode(column: "salesperson_id", as: UUID.self)
            names[id] = try row.decode(column: "name", as: String.self)
            let month = try row.decode(column: "order_month", as: String.self)
            let tier = try row.decode(column: "margin_tier", as: String.self)
            let revenue = try row.decode(column: "revenue", as: Int64.self)
            let cost = try row.decode(column: "cost", as: Int64.self)
            let commission = try row.decode(column: "commission", as: Int64.self)
            for key in [Key(id: id, month: month), Key(id: id, month: nil)] {
                if sums[key] == nil { order.append(key); sums[key] = (0, 0, 0, [:]) }
                sums[key]!.revenue += revenue
                sums[key]!.cost += cost
                sums[key]!.commission += commission
                let before = sums[key]!.tiers[tier] ?? (0, 0)
                sums[key]!.tiers[tier] = (before.0 + revenue, before.1 + commission)
            }
        }
        // Each salesperson's months, then their total.
        let sorted = order.sorted { a, b in
            let nameA = names[a.id] ?? "", nameB = names[b.id] ?? ""
            if nameA != nameB { return nameA < nameB }
            if a.id != b.id { return a.id.uuidString < b.id.uuidString }
            return (a.month ?? "9999-99") < (b.month ?? "9999-99")
        }
        return Report(from: period.from, to: period.to, currency: currency, rows: sorted.map { key in
            let sum = sums[key]!
            return Row(salesperson: UserRef(id: key.id, name: names[key.id] ?? ""), month: key.month, revenueMinor: sum.revenue,
                       costMinor: sum.cost, profitMinor: sum.revenue - sum.cost, commissionMinor: sum.commission,
                       byTier: sum.tiers.keys.sorted().map { TierFigures(tier: $0, revenueMinor: sum.tiers[$0]!.0, commissionMinor: sum.tiers[$0]!.1) })
        })
    }

    static let schema = JSONSchema.object([
        ("from", .string()), ("to", .string()), ("currency", .string()),
        ("rows", .array(.object([
            ("salesperson", .ref("UserRef")), ("month", .nullable(.string(description: "null on a salesperson's total"))),
            ("revenueMinor", .integer()), ("costMinor", .integer()), ("profitMinor", .integer()), ("commissionMinor", .integer()),
            ("byTier", .array(.object([("tier", .string()), ("revenueMinor", .integer()), ("commissionMinor", .integer())]))),
        ]))),
    ])
}
