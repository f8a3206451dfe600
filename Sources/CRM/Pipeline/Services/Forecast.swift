import CRMCore
import Fluent
import SQLKit
import Vapor

/// The sales forecast for a range of months: open deals by expected close month (pipeline, best case,
/// commit, weighted) and won deals by the month they closed, per month, quarter, owner and pipeline.
/// All sums are computed by the database; Swift only arranges the grouped rows.
struct Forecast: Content {
    /// The figures of one group, per currency (amounts of different currencies are never added).
    struct Figures: Content, Equatable {
        var currency: String
        var pipelineMinor: Int64 = 0
        var bestCaseMinor: Int64 = 0
        var commitMinor: Int64 = 0
        var weightedMinor: Int64 = 0
        var closedWonMinor: Int64 = 0
        var openDeals = 0
        var wonDeals = 0
        /// Σ amount × probability, kept until the group is complete so the weighted figure is rounded once.
        fileprivate var weightedProducts: Int64 = 0

        enum CodingKeys: String, CodingKey {
            case currency, pipelineMinor, bestCaseMinor, commitMinor, weightedMinor, closedWonMinor, openDeals, wonDeals
        }

        init(currency: String) { self.currency = currency }

        mutating func add(_ other: Figures) {
            pipelineMinor += other.pipelineMinor
            bestCaseMinor += other.bestCaseMinor
            commitMinor += other.commitMinor
            closedWonMinor += other.closedWonMinor
            openDeals += other.openDeals
            wonDeals += other.wonDeals
            weightedProducts += other.weightedProducts
            weightedMinor = ForecastMath.weightedTotal(sumOfAmountTimesProbability: weightedProducts)
        }
    }

    struct Group: Content, Equatable {
        /// The month (`2026-11`), quarter (`2026-Q4`), owner's or pipeline's id.
        let key: String
        let label: String
        var figures: [Figures]
    }

    let from: String
    let to: String
    let months: [Group]
    let quarters: [Group]
    let owners: [Group]
    let pipelines: [Group]
    let totals: [Figures]
    let wonDeals: Int
    let lostDeals: Int
    let winRatePercent: Int?
    let averageCycleDays: Int?

    struct Filter {
        var from: String
        var to: String
        var pipelineID: UUID?
        var ownerID: UUID?
    }

    private struct Row {
        let month: String
        let ownerID: UUID
        let pipelineID: UUID
        let figures: Figures
    }

    static func load(_ filter: Filter, on db: any Database) async throws -> Forecast {
        let sql = db.sql
        var conditions: SQLQueryString = ""
        if let pipeline = filter.pipelineID { conditions = conditions + " AND o.pipeline_id = \(bind: pipeline)" }
        if let owner = filter.ownerID { conditions = conditions + " AND o.owner_id = \(bind: owner)" }
        let firstDay = filter.from + "-01"
        let lastDay = filter.to + "-31"

        let open = try await sql.raw("""
            SELECT substr(o.expected_close, 1, 7) AS month, o.owner_id, o.pipeline_id, o.currency,
                   COUNT(*) AS deals,
                   CAST(SUM(o.amount_minor) AS BIGINT) AS pipeline_amount,
                   CAST(SUM(CASE WHEN s.forecast_category IN ('best_case', 'commit') THEN o.amount_minor ELSE 0 END) AS BIGINT) AS best_case,
                   CAST(SUM(CASE WHEN s.forecast_category = 'commit' THEN o.amount_minor ELSE 0 END) AS BIGINT) AS commit_amount,
                   CAST(SUM(o.amount_minor * o.probability) AS BIGINT) AS weighted_products
            FROM opportunities o JOIN pipeline_stages s ON s.id = o.stage_id
            WHERE o.outcome = 'open' AND o.expected_close >= \(bind: firstDay) AND o.expected_close <= \(bind: lastDay)\(conditions)
            GROUP BY substr(o.expected_close, 1, 7), o.owner_id, o.pipeline_id, o.currency
            """).all().map { row -> Row in
                var figures = Figures(currency: try row.decode(column: "currency", as: String.self))
                figures.openDeals = try row.decode(column: "deals", as: Int.self)
                figures.pipelineMinor = try row.decode(column: "pipeline_amount", as: Int64.self)
                figures.bestCaseMinor = try row.decode(column: "best_case", as: Int64.self)
                figures.commitMinor = try row.decode(column: "commit_amount", as: Int64.self)
                figures.weightedProducts = try row.decode(column: "weighted_products", as: Int64.self)
                return Row(month: try row.decode(column: "month", as: String.self), ownerID: try row.decode(column: "owner_id", as: UUID.self),
                           pipelineID: try row.decode(column: "pipeline_id", as: UUID.self), figures: figures)
            }

        let won = try await sql.raw("""
            SELECT o.closed_month AS month, o.owner_id, o.pipeline_id, o.currency, COUNT(*) AS deals,
                   CAST(SUM(o.amount_minor) AS BIGINT) AS won_amount
            FROM opportunities o
            WHERE o.outcome = 'won' AND o.closed_month >= \(bind: filter.from) AND o.closed_month <= \(bind: filter.to)\(conditions)
            GROUP BY o.closed_month, o.owner_id, o.pipeline_id, o.currency
            """).all().map { row -> Row in
                var figures = Figures(currency: try row.decode(column: "currency", as: String.self))
                figures.wonDeals = try row.decode(column: "deals", as: Int.self)
                figures.closedWonMinor = try row.decode(column: "won_amount", as: Int64.self)
                return Row(month: try row.decode(column: "month", as: String.self), ownerID: try row.decode(column: "owner_id", as: UUID.self),
                           pipelineID: try row.decode(column: "pipeline_id", as: UUID.self), figures: figures)
            }

        let outcomes = try await sql.raw("""
            SELECT o.outcome, COUNT(*) AS deals, CAST(ROUND(AVG(o.cycle_days)) AS BIGINT) AS cycle
            FROM opportunities o
            WHERE o.outcome IN ('won', 'lost') AND o.closed_month >= \(bind: filter.from) AND o.closed_month <= \(bind: filter.to)\(conditions)
            GROUP BY o.outcome
            """).all()
        var wonCount = 0, lostCount = 0
        var cycle: Int?
        for row in outcomes {
            let count = try row.decode(column: "deals", as: Int.self)
            if try row.decode(column: "outcome", as: String.self) == "won" {
                wonCount = count
                cycle = try row.decode(column: "cycle", as: Int?.self)
            } else {
                lostCount = count
            }
        }

        let rows = open + won
        let ownerNames = try await User.query(on: db).filter(\.$id ~~ Set(rows.map(\.ownerID))).all()
        let pipelineNames = try await Pipeline.query(on: db).filter(\.$id ~~ Set(rows.map(\.pipelineID))).all()
        let months = ForecastMath.months(from: filter.from, to: filter.to)

        return Forecast(
            from: filter.from, to: filter.to,
            months: group(rows, keys: months, key: \.month, label: { $0 }),
            quarters: group(rows, keys: ForecastMath.quarters(ofMonths: months),
                            key: { ForecastMath.quarter(ofMonth: $0.month) }, label: { $0 }),
            owners: group(rows, keys: nil, key: { $0.ownerID.uuidString },
                          label: { id in ownerNames.first { $0.id?.uuidString == id }?.name ?? "a former user" }),
            pipelines: group(rows, keys: nil, key: { $0.pipelineID.uuidString },
                             label: { id in pipelineNames.first { $0.id?.uuidString == id }?.name ?? "" }),
            totals: sum(rows.map(\.figures)),
            wonDeals: wonCount, lostDeals: lostCount, winRatePercent: ForecastMath.winRate(won: wonCount, lost: lostCount),
            averageCycleDays: cycle)
    }

    /// Groups rows by `key`; with `keys`, every key appears in that order even without deals.
    private static func group(_ rows: [Row], keys: [String]?, key: (Row) -> String, label: (String) -> String) -> [Group] {
        let grouped = Dictionary(grouping: rows, by: key)
        let order = keys ?? grouped.keys.sorted { label($0) < label($1) }
        return order.map { Group(key: $0, label: label($0), figures: sum((grouped[$0] ?? []).map(\.figures))) }
    }

    private static func sum(_ figures: [Figures]) -> [Figures] {
        var byCurrency: [String: Figures] = [:]
        for figure in figures { byCurrency[figure.currency, default: Figures(currency: figure.currency)].add(figure) }
        return byCurrency.values.sorted { $0.currency < $1.currency }
    }
}
