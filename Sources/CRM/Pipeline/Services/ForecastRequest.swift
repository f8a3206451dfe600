import CRMCore
import Vapor

extension Forecast.Filter {
    /// `from`…`to` (months, default this month and the five after), `pipeline` and `owner` from the query string.
    init(_ request: Request) throws {
        let thisMonth = CalendarDate.today(at: request.now).monthKey
        let defaultTo = ForecastMath.months(from: thisMonth, to: "9999-12").prefix(6).last ?? thisMonth
        var fields: [String: String] = [:]
        let from = request.queryMonth("from", into: &fields) ?? thisMonth
        let to = request.queryMonth("to", into: &fields) ?? defaultTo
        if fields.isEmpty, to < from { fields["to"] = "must not be before from" }
        if fields.isEmpty, ForecastMath.months(from: from, to: to).count > 36 { fields["to"] = "must be at most 36 months after from" }
        guard fields.isEmpty else { throw APIError.badRequest("The forecast period is not valid.", fields: fields) }
        self.init(from: from, to: to, pipelineID: try request.queryUUID("pipeline"), ownerID: try request.queryUUID("owner"))
    }
}

extension Forecast {
    /// The forecast the request asks for, in the installation's base currency at today's rates.
    static func load(_ request: Request) async throws -> Forecast {
        try await load(try Filter(request), base: request.application.config.baseCurrency, today: CalendarDate.today(at: request.now).description, on: request.db)
    }
}

/// The forecast as CSV, for the API and the forecast page alike: one line per month and currency, amounts in major units.
enum ForecastCSV {
    static func response(_ forecast: Forecast) -> Response {
        CSV.response(lines(forecast), filename: "forecast-\(forecast.from)-\(forecast.to).csv")
    }

    /// Each month once per currency as recorded (`basis` "recorded"), then all of it converted into the base currency
    /// ("converted", leaving out deals without a rate: the forecast lists them).
    static func lines(_ forecast: Forecast) -> [String] {
        var lines = ["month,quarter,basis,currency,pipeline,best_case,commit,weighted,closed_won,open_deals,won_deals"]
        func line(_ month: String, _ basis: String, _ figures: Forecast.Figures) -> String {
            let amounts = [figures.pipelineMinor, figures.bestCaseMinor, figures.commitMinor, figures.weightedMinor, figures.closedWonMinor]
                .map { MinorUnits.plain($0, currency: figures.currency) }
            return ([month, ForecastMath.quarter(ofMonth: month), basis, figures.currency] + amounts
                    + [String(figures.openDeals), String(figures.wonDeals)]).joined(separator: ",")
        }
        for month in forecast.months {
            for figures in month.figures { lines.append(line(month.key, "recorded", figures)) }
            lines.append(line(month.key, "converted", month.inBase))
        }
        return lines
    }
}
