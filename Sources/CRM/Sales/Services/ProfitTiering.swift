import CRMCore
import Fluent
import SQLKit
import Vapor

/// Recomputes every active account's ABC tier from its profit over the trailing twelve months (this month and the
/// eleven before), in SQL; records a change in the tier history only where the tier moved.
struct ProfitTiering {
    let db: any Database
    let now: Date

    struct Settings: Content {
        var aPercent: Int
        var bPercent: Int

        static let defaults = Settings(aPercent: 80, bPercent: 15)
        static let schema = JSONSchema.object([("aPercent", .integer(description: "Share of profit made by A customers")),
                                               ("bPercent", .integer(description: "Share made by B customers"))],
                                              required: ["aPercent", "bPercent"])
    }

    struct Result: Content {
        let from: String
        let to: String
        let accounts: Int
        let a: Int
        let b: Int
        let c: Int
        let changed: Int
    }

    static func settings(on db: any Database) async throws -> Settings {
        guard let row = try await TierSettingsRow.query(on: db).first() else { return .defaults }
        return Settings(aPercent: row.aPercent, bPercent: row.bPercent)
    }

    static func save(_ settings: Settings, on db: any Database) async throws {
        do {
            try ProfitTiers.validate(aPercent: settings.aPercent, bPercent: settings.bPercent)
        } catch {
            throw APIError.invalid(["aPercent": error.description])
        }
        try await db.transaction { db in
            try await TierSettingsRow.query(on: db).delete()
            let row = TierSettingsRow()
            row.aPercent = settings.aPercent
            row.bPercent = settings.bPercent
            try await row.create(on: db)
        }
    }

    func recompute() async throws -> Result {
        let settings = try await Self.settings(on: db)
        let today = CalendarDate.today(at: now)
        let to = today.monthKey
        let from = Self.month(to, minus: 11)
        let sql = db.sql
        let rows = try await sql.raw("""
            SELECT a.id AS account_id, CAST(COALESCE(p.profit, 0) AS BIGINT) AS profit, t.tier AS previous
            FROM accounts a
            LEFT JOIN (SELECT account_id, SUM(base_revenue_minor - base_cost_minor) AS profit FROM orders
                       WHERE counts = \(bind: true) AND order_month >= \(bind: from) AND order_month <= \(bind: to)
                       GROUP BY account_id) p ON p.account_id = a.id
            LEFT JOIN account_tiers t ON t.account_id = a.id
            WHERE a.archived_at IS NULL
            """).all()
        var profits: [(key: UUID, profitMinor: Int64)] = []
        var previous: [UUID: String] = [:]
        profits.reserveCapacity(rows.count)
        for row in rows {
            let id = try row.decode(column: "account_id", as: UUID.self)
            profits.append((id, try row.decode(column: "profit", as: Int64.self)))
            if let tier = try row.decode(column: "previous", as: String?.self) { previous[id] = tier }
        }
        let tiers = ProfitTiers.assign(profits, aPercent: settings.aPercent, bPercent: settings.bPercent)
        let (ranked, tiersBefore) = (profits, previous)
        let changed = try await db.transaction { db -> Int in
            var changed = 0
            let sql = db.sql
            try await sql.delete(from: AccountTier.schema).run()
            for chunk in stride(from: 0, to: ranked.count, by: 500) {
                let slice = ranked[chunk..<min(chunk + 500, ranked.count)]
                let insert = sql.insert(into: AccountTier.schema).columns("id", "account_id", "tier", "profit_minor", "computed_at")
                var changes: [[any Encodable & Sendable]] = []
                for (id, profit) in slice {
                    let tier = tiers[id]?.rawValue ?? ProfitTiers.Tier.c.rawValue
                    insert.values([UUID(), id, tier, profit, now] as [any Encodable & Sendable])
                    if tiersBefore[id] != tier { changes.append([UUID(), id, tiersBefore[id], tier, profit, now]) }
                }
                try await insert.run()
                if !changes.isEmpty {
                    let history = sql.insert(into: AccountTierChange.schema).columns("id", "account_id", "from_tier", "to_tier", "profit_minor", "changed_at")
                    for change in changes { history.values(change) }
                    try await history.run()
                    changed += changes.count
                }
            }
            return changed
        }
        let counts = Dictionary(grouping: tiers.values, by: { $0 }).mapValues(\.count)
        return Result(from: from, to: to, accounts: profits.count, a: counts[.a] ?? 0, b: counts[.b] ?? 0, c: counts[.c] ?? 0, changed: changed)
    }

    /// `YYYY-MM` moved back `count` months.
    static func month(_ key: String, minus count: Int) -> String {
        let year = Int(key.prefix(4)) ?? 1970
        let month = Int(key.suffix(2)) ?? 1
        let index = year * 12 + (month - 1) - count
        return String(format: "%04d-%02d", index / 12, index % 12 + 1)
    }
}

extension ProfitTiering {
    /// An account whose tier by revenue differs from its tier by profit, over the trailing twelve months.
    struct Disagreement: Content {
        let account: AccountRef
        let revenueMinor: Int64
        let profitMinor: Int64
        let marginBasisPoints: Int64?
        let tierByRevenue: String
        let tierByProfit: String
    }

    struct Disagreements: Content {
        let from: String
        let to: String
        let currency: String
        let rows: [Disagreement]

        static let schema = JSONSchema.object([
            ("from", .string()), ("to", .string()), ("currency", .string()),
            ("rows", .array(.object([("account", .ref("AccountRef")), ("revenueMinor", .integer()), ("profitMinor", .integer()),
                                     ("marginBasisPoints", .nullable(.integer())), ("tierByRevenue", .string()), ("tierByProfit", .string())]))),
        ])
    }

    /// Where tiering by volume and by profit disagree, biggest buyers first: big buyers of low-margin products
    /// show as A by revenue and B or C by profit.
    func disagreements(currency: String, limit: Int = 200) async throws -> Disagreements {
        let settings = try await Self.settings(on: db)
        let to = CalendarDate.today(at: now).monthKey
        let from = Self.month(to, minus: 11)
        let sql = db.sql
        var figures: [UUID: (revenue: Int64, cost: Int64)] = [:]
        for row in try await sql.raw("""
            SELECT account_id, CAST(SUM(base_revenue_minor) AS BIGINT) AS revenue, CAST(SUM(base_cost_minor) AS BIGINT) AS cost FROM orders
            WHERE counts = \(bind: true) AND order_month >= \(bind: from) AND order_month <= \(bind: to) GROUP BY account_id
            """).all() {
            figures[try row.decode(column: "account_id", as: UUID.self)] = (try row.decode(column: "revenue", as: Int64.self), try row.decode(column: "cost", as: Int64.self))
        }
        let byRevenue = ProfitTiers.assign(figures.map { (key: $0.key, profitMinor: $0.value.revenue) }, aPercent: settings.aPercent, bPercent: settings.bPercent)
        let byProfit = ProfitTiers.assign(figures.map { (key: $0.key, profitMinor: $0.value.revenue - $0.value.cost) }, aPercent: settings.aPercent, bPercent: settings.bPercent)
        let differing = figures.keys.filter { byRevenue[$0] != byProfit[$0] }
            .sorted { (figures[$0]!.revenue, $1.uuidString) > (figures[$1]!.revenue, $0.uuidString) }
            .prefix(limit)
        let names = try await CustomerDirectory(db: db).names(accounts: Array(differing)).accounts
        return Disagreements(from: from, to: to, currency: currency, rows: differing.map { id in
            let figure = figures[id]!
            return Disagreement(account: AccountRef(id: id, name: names[id] ?? ""), revenueMinor: figure.revenue, profitMinor: figure.revenue - figure.cost,
                                marginBasisPoints: Margin.basisPoints(priceMinor: figure.revenue, costMinor: figure.cost),
                                tierByRevenue: byRevenue[id]?.rawValue ?? "C", tierByProfit: byProfit[id]?.rawValue ?? "C")
        })
    }
}

extension ProfitTiering {
    /// Nightly, as the day's orders and payments are in: every account's tier from its trailing twelve months.
    static let recomputeKind = JobKind(name: "sales.tiers.recompute", summary: "Recompute customer tiers by trailing twelve-month profit",
                                       maxAttempts: 3, schedule: "0 2 * * *") { run in
        let result = try await ProfitTiering(db: run.db, now: run.now).recompute()
        run.app.logger.info("Tiers recomputed for \(result.accounts) accounts: \(result.changed) changed")
    }
}
