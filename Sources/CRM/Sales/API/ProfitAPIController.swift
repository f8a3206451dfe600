import CRMCore
import Fluent
import Vapor

/// `/api/v1/reports/profit…`: the profit ranking of accounts and one account's profit, as JSON and CSV; commissions
/// and tier disagreements. The reports themselves come from `ProfitQueries`, which the pages use too.
enum ProfitAPIController {
    @Sendable static func rankingJSON(_ request: Request) async throws -> ProfitReports.Ranking {
        try await ProfitQueries.ranking(request)
    }

    @Sendable static func rankingCSV(_ request: Request) async throws -> Response {
        ProfitQueries.csv(try await ProfitQueries.ranking(request))
    }

    @Sendable static func account(_ request: Request) async throws -> ProfitReports.AccountProfit {
        try await ProfitQueries.account(request)
    }

    @Sendable static func accountCSV(_ request: Request) async throws -> Response {
        ProfitQueries.csv(try await ProfitQueries.account(request))
    }

    @Sendable static func commissionsJSON(_ request: Request) async throws -> Commissions.Report {
        try await ProfitQueries.commissions(request)
    }

    @Sendable static func tierDisagreements(_ request: Request) async throws -> ProfitTiering.Disagreements {
        try await ProfitQueries.tierDisagreements(request)
    }
}
