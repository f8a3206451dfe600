import CRMCore
import Fluent
import Vapor

/// The profit reports as the pages and the API ask for them: the period and paging read from the query string
/// (one reading for both), the report loaded, and its CSV.
enum ProfitQueries {
    /// `from`/`to` (default: this calendar year up to this month) and an optional `compareFrom`/`compareTo`.
    static func periods(_ request: Request) throws -> (period: ProfitReports.Period, compare: ProfitReports.Period?) {
        let thisMonth = CalendarDate.today(at: request.now).monthKey
        var fields: [String: String] = [:]
        let from = request.queryMonth("from", into: &fields) ?? String(thisMonth.prefix(4)) + "-01"
        let to = request.queryMonth("to", into: &fields) ?? thisMonth
        let compareFrom = request.queryMonth("compareFrom", into: &fields)
        let compareTo = request.queryMonth("compareTo", into: &fields)
        if to < from { fields["to"] = "must not be before from" }
        if (compareFrom == nil) != (compareTo == nil), fields["compareFrom"] == nil, fields["compareTo"] == nil {
            fields[compareFrom == nil ? "compareFrom" : "compareTo"] = "is needed with the other comparison month"
        }
        if let compareFrom, let compareTo, compareTo < compareFrom { fields["compareTo"] = "must not be before compareFrom" }
        guard fields.isEmpty else { throw APIError.badRequest("The report period is not valid.", fields: fields) }
        return (ProfitReports.Period(from: from, to: to), compareFrom.map { ProfitReports.Period(from: $0, to: compareTo!) })
    }

    static func ranking(_ request: Request) async throws -> ProfitReports.Ranking {
        let (period, compare) = try periods(request)
        var fields: [String: String] = [:]
        let limit = request.query[String.self, at: "limit"].map { Int($0) ?? -1 } ?? 50
        let offset = request.query[String.self, at: "offset"].map { Int($0) ?? -1 } ?? 0
        if !(1...1_000).contains(limit) { fields["limit"] = "must be a whole number from 1 to 1000" }
        if offset < 0 { fields["offset"] = "must be a whole number, 0 or more" }
        guard fields.isEmpty else { throw APIError.badRequest("The paging parameters are not valid.", fields: fields) }
        return try await ProfitReports.ranking(period, compare: compare, limit: limit, offset: offset,
                                               currency: request.application.config.baseCurrency, on: request.db)
    }

    /// One account's profit by month, year, product and order.
    static func account(_ request: Request) async throws -> ProfitReports.AccountProfit {
        let account = try await CustomerDirectory(db: request.db).requireAccount(try request.pathUUID("accountID"))
        return try await ProfitReports.account(AccountRef(id: account.id, name: account.name), try periods(request).period, currency: request.application.config.baseCurrency, on: request.db)
    }

    /// Commissions for `from`…`to`; managers and admins see everyone (or `salesperson`), others only themselves.
    static func commissions(_ request: Request) async throws -> Commissions.Report {
        let user = try request.user
        var salesperson = try request.queryUUID("salesperson")
        if !user.role.canSeeTeamWork {
            if let asked = salesperson, asked != user.id { throw APIError.forbidden }
            salesperson = user.id
        }
        return try await Commissions.load(try periods(request).period, salesperson: salesperson,
                                          currency: request.application.config.baseCurrency, on: request.db)
    }

    static func tierDisagreements(_ request: Request) async throws -> ProfitTiering.Disagreements {
        try await ProfitTiering(db: request.db, now: request.now).disagreements(currency: request.application.config.baseCurrency)
    }

    /// The ranking as a spreadsheet.
    static func csv(_ report: ProfitReports.Ranking) -> Response {
        var lines = ["rank,account_id,account,orders,revenue,cost,profit,margin_percent" + (report.compareFrom == nil ? "" : ",previous_profit,change")]
        for row in report.rows {
            var fields = [String(row.rank), row.account.id.uuidString, CSV.field(row.account.name), String(row.orders)]
            fields += [row.figures.revenueMinor, row.figures.costMinor, row.figures.profitMinor].map { MinorUnits.plain($0, currency: report.currency) }
            // Basis points as a percentage with two decimals (3333 → 33.33).
            fields.append(row.figures.marginBasisPoints.map { MinorUnits.plain($0, decimals: 2) } ?? "")
            if report.compareFrom != nil {
                fields += [row.previousProfitMinor ?? 0, row.changeMinor ?? 0].map { MinorUnits.plain($0, currency: report.currency) }
            }
            lines.append(fields.joined(separator: ","))
        }
        return CSV.response(lines, filename: "profit-\(report.from)-\(report.to).csv")
    }

    /// One account's profit as a spreadsheet.
    static func csv(_ report: ProfitReports.AccountProfit) -> Response {
        var lines = ["group,key,label,quantity,revenue,cost,profit"]
        for (group, buckets) in [("month", report.months), ("year", report.years), ("product", report.products), ("order", report.orders)] {
            for bucket in buckets {
                lines.append([group, CSV.field(bucket.key), CSV.field(bucket.label), bucket.quantity.map(String.init) ?? "",
                              MinorUnits.plain(bucket.figures.revenueMinor, currency: report.currency),
                              MinorUnits.plain(bucket.figures.costMinor, currency: report.currency),
                              MinorUnits.plain(bucket.figures.profitMinor, currency: report.currency)].joined(separator: ","))
            }
        }
        return CSV.response(lines, filename: "profit-account-\(report.from)-\(report.to).csv")
    }
}
