import CRMCore
import Fluent
import SQLKit
import Vapor

/// The sales forecast for a range of months: open deals by expected close month (pipeline, best case,
/// commit, weighted) and won deals by the month they closed, per month, quarter, owner and pipeline.
/// All sums are computed by the database; Swift only arranges the grouped rows and converts them into the base
/// currency: open deals at today's rate, won deals at the rate of the day they closed. Each group keeps its figures
/// per currency too, and a deal whose currency has no rate for its day is listed, never dropped or counted 1:1.
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
        /// Every figure converted into the base currency, but those of `unconverted` currencies.
        var inBase: Figures
        /// Currencies with deals in this group that have no rate for their day.
        var unconverted: [String]
    }

    /// A rate the conversion used, and for what.
    struct RateUsed: Content, Hashable {
        let currency: String
        let validFrom: String
        let rate: String
        let usedFor: String
    }

    /// A deal left out of the base-currency figures: its currency has no rate on or before its day.
    struct DealWithoutRate: Content, Equatable {
        let id: UUID
        let name: String
        let currency: String
        let amountMinor: Int64
        /// The day a rate was needed for: today for an open deal, the close day of a won one.
        let day: String
    }

    let from: String
    let to: String
    let months: [Group]
    let quarters: [Group]
    let owners: [Group]
    let pipelines: [Group]
    let totals: [Figures]
    let baseCurrency: String
    let totalsInBase: Figures
    let ratesUsed: [RateUsed]
    let withoutRate: [DealWithoutRate]
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
        /// The day whose rate converts it: today for open deals, the close day for won ones.
        let day: String
        /// `figures` in the base currency; nil without a rate for `day`.
        var inBase: Figures?
    }

    /// `today` (`YYYY-MM-DD`) dates the rate of open deals.
    static func load(_ filter: Filter, base: String, today: String, on db: any Database) async throws -> Forecast {
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
                           pipelineID: try row.decode(column: "pipeline_id", as: UUID.self), figures: figures, day: today)
            }

        // Won deals by the day they closed too, so each converts at that day's rate.
        let closedDay: SQLQueryString = sql.dialect.name == "sqlite"
            ? "date(o.closed_at, 'unixepoch')" : "to_char(o.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
        let won = try await sql.raw("""
            SELECT o.closed_month AS month, \(closedDay) AS day, o.owner_id, o.pipeline_id, o.currency, COUNT(*) AS deals,
                   CAST(SUM(o.amount_minor) AS BIGINT) AS won_amount
            FROM opportunities o
            WHERE o.outcome = 'won' AND o.closed_month >= \(bind: filter.from) AND o.closed_month <= \(bind: filter.to)\(conditions)
            GROUP BY o.closed_month, \(closedDay), o.owner_id, o.pipeline_id, o.currency
            """).all().map { row -> Row in
                var figures = Figures(currency: try row.decode(column: "currency", as: String.self))
                figures.wonDeals = try row.decode(column: "deals", as: Int.self)
                figures.closedWonMinor = try row.decode(column: "won_amount", as: Int64.self)
                return Row(month: try row.decode(column: "month", as: String.self), ownerID: try row.decode(column: "owner_id", as: UUID.self),
                           pipelineID: try row.decode(column: "pipeline_id", as: UUID.self), figures: figures,
                           day: try row.decode(column: "day", as: String.self))
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

        let book = try await SalesDirectory(db: db).rateBook(base: base)
        var ratesUsed = Set<RateUsed>()
        let rows = (open + won).map { row -> Row in
            var row = row
            row.inBase = converted(row.figures, on: row.day, book: book)
            if row.figures.currency != book.base, let rate = book.rate(for: row.figures.currency, on: row.day) {
                ratesUsed.insert(RateUsed(currency: rate.currency, validFrom: rate.validFrom, rate: rate.text,
                                          usedFor: row.day == today ? "open deals (today's rate)" : "deals won on \(row.day)"))
            }
            return row
        }
        let withoutRate = try await dealsWithoutRate(rows, filter: filter, conditions: conditions, closedDay: closedDay, today: today, on: db)
        let ownerNames = try await User.query(on: db).filter(\.$id ~~ Set(rows.map(\.ownerID))).all()
        let pipelineNames = try await Pipeline.query(on: db).filter(\.$id ~~ Set(rows.map(\.pipelineID))).all()
        let months = ForecastMath.months(from: filter.from, to: filter.to)

        return Forecast(
            from: filter.from, to: filter.to,
            months: group(rows, base: book.base, keys: months, key: \.month, label: { $0 }),
            quarters: group(rows, base: book.base, keys: ForecastMath.quarters(ofMonths: months),
                            key: { ForecastMath.quarter(ofMonth: $0.month) }, label: { $0 }),
            owners: group(rows, base: book.base, keys: nil, key: { $0.ownerID.uuidString },
                          label: { id in ownerNames.first { $0.id?.uuidString == id }?.name ?? "a former user" }),
            pipelines: group(rows, base: book.base, keys: nil, key: { $0.pipelineID.uuidString },
                             label: { id in pipelineNames.first { $0.id?.uuidString == id }?.name ?? "" }),
            totals: sum(rows.map(\.figures)), baseCurrency: book.base, totalsInBase: sumInBase(rows, base: book.base),
            ratesUsed: ratesUsed.sorted { ($0.currency, $0.validFrom, $0.usedFor) < ($1.currency, $1.validFrom, $1.usedFor) },
            withoutRate: withoutRate,
            wonDeals: wonCount, lostDeals: lostCount, winRatePercent: ForecastMath.winRate(won: wonCount, lost: lostCount),
            averageCycleDays: cycle)
    }

    /// Groups rows by `key`; with `keys`, every key appears in that order even without deals.
    private static func group(_ rows: [Row], base: String, keys: [String]?, key: (Row) -> String, label: (String) -> String) -> [Group] {
        let grouped = Dictionary(grouping: rows, by: key)
        let order = keys ?? grouped.keys.sorted { label($0) < label($1) }
        return order.map { key in
            let members = grouped[key] ?? []
            return Group(key: key, label: label(key), figures: sum(members.map(\.figures)), inBase: sumInBase(members, base: base),
                         unconverted: Array(Set(members.filter { $0.inBase == nil }.map(\.figures.currency))).sorted())
        }
    }

    /// The row's figures in the base currency at the rate of `day`. The weighted figure converts the row's rounded
    /// weighted amount; it is carried as Σ amount × probability (× 100) so that adding rows keeps it exact.
    private static func converted(_ figures: Figures, on day: String, book: RateBook) -> Figures? {
        func convert(_ minor: Int64) -> Int64? { book.convert(minor, figures.currency, on: day) }
        guard let pipeline = convert(figures.pipelineMinor), let bestCase = convert(figures.bestCaseMinor), let commit = convert(figures.commitMinor),
              let weighted = convert(ForecastMath.weightedTotal(sumOfAmountTimesProbability: figures.weightedProducts)),
              let won = convert(figures.closedWonMinor) else { return nil }
        var result = Figures(currency: book.base)
        result.pipelineMinor = pipeline
        result.bestCaseMinor = bestCase
        result.commitMinor = commit
        result.weightedProducts = weighted * 100
        result.weightedMinor = weighted
        result.closedWonMinor = won
        result.openDeals = figures.openDeals
        result.wonDeals = figures.wonDeals
        return result
    }

    private static func sumInBase(_ rows: [Row], base: String) -> Figures {
        var total = Figures(currency: base)
        for row in rows { if let figures = row.inBase { total.add(figures) } }
        return total
    }

    /// The deals behind rows without a rate, by name (at most 100): open deals of currencies with no rate today, and
    /// won deals that closed before their currency's first rate.
    private static func dealsWithoutRate(_ rows: [Row], filter: Filter, conditions: SQLQueryString, closedDay: SQLQueryString,
                                         today: String, on db: any Database) async throws -> [DealWithoutRate] {
        let missing = rows.filter { $0.inBase == nil }
        let openCurrencies = Set(missing.filter { $0.figures.openDeals > 0 }.map(\.figures.currency))
        let wonCurrencies = Set(missing.filter { $0.figures.wonDeals > 0 }.map(\.figures.currency))
        guard !openCurrencies.isEmpty || !wonCurrencies.isEmpty else { return [] }
        let missingDays = Dictionary(grouping: missing.filter { $0.figures.wonDeals > 0 }, by: \.figures.currency).mapValues { Set($0.map(\.day)) }
        /// A row of `o.id, o.name, o.currency, o.amount_minor` and, unless given, `day`.
        func deal(_ row: any SQLRow, day: String? = nil) throws -> DealWithoutRate {
            DealWithoutRate(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                            currency: try row.decode(column: "currency", as: String.self),
                            amountMinor: try row.decode(column: "amount_minor", as: Int64.self), day: try day ?? row.decode(column: "day", as: String.self))
        }
        var found: [DealWithoutRate] = []
        if !openCurrencies.isEmpty {
            found += try await db.sql.raw("""
                SELECT o.id, o.name, o.currency, o.amount_minor FROM opportunities o
                WHERE o.outcome = 'open' AND o.currency IN (\(binds: Array(openCurrencies)))
                  AND o.expected_close >= \(bind: filter.from + "-01") AND o.expected_close <= \(bind: filter.to + "-31")\(conditions)
                ORDER BY o.name LIMIT 100
                """).all().map { try deal($0, day: today) }
        }
        if !wonCurrencies.isEmpty {
            found += try await db.sql.raw("""
                SELECT o.id, o.name, o.currency, o.amount_minor, \(closedDay) AS day FROM opportunities o
                WHERE o.outcome = 'won' AND o.currency IN (\(binds: Array(wonCurrencies)))
                  AND o.closed_month >= \(bind: filter.from) AND o.closed_month <= \(bind: filter.to)\(conditions)
                ORDER BY o.name LIMIT 500
                """).all().map { try deal($0) }.filter { missingDays[$0.currency]?.contains($0.day) == true }
        }
        return Array(found.prefix(100))
    }

    private static func sum(_ figures: [Figures]) -> [Figures] {
        var byCurrency: [String: Figures] = [:]
        for figure in figures { byCurrency[figure.currency, default: Figures(currency: figure.currency)].add(figure) }
        return byCurrency.values.sorted { $0.currency < $1.currency }
    }
}
