import CRMCore
import Fluent
import SQLKit
import Vapor

/// The filters of the deal list, read from the query string: the list page and the API share them.
struct DealFilter {
    var pipeline: UUID?
    var stage: UUID?
    var owner: UUID?
    var account: UUID?
    var outcome: StageOutcome?
    var staleOnly = false

    init(_ request: Request) throws {
        pipeline = try request.queryUUID("pipeline")
        stage = try request.queryUUID("stage")
        owner = try request.queryUUID("owner")
        account = try request.queryUUID("account")
        if let raw = request.query[String.self, at: "outcome"], !raw.isEmpty {
            guard let outcome = StageOutcome(rawValue: raw) else {
                throw APIError.badRequest("A parameter is not valid.", fields: ["outcome": "must be open, won or lost"])
            }
            self.outcome = outcome
        }
        staleOnly = request.query[String.self, at: "stale"] == "true"
    }

    /// Deals in close-date order, keyset-paged; stale ones only when asked.
    func page(on db: any Database, paging: PageRequest, now: Date, staleDays: Int) async throws -> ListPage<OpportunityDTO> {
        let query = Opportunity.query(on: db).with(\.$stage).with(\.$owner).with(\.$people).with(\.$competitors)
        if let pipeline { query.filter(\.$pipeline.$id == pipeline) }
        if let stage { query.filter(\.$stage.$id == stage) }
        if let owner { query.filter(\.$owner.$id == owner) }
        if let account { query.filter(\.$accountID == account) }
        if let outcome { query.filter(\.$outcome == outcome.rawValue) }
        if staleOnly { query.onlyStale(now: now, staleDays: staleDays) }
        let rows = try await Keyset.page(query, by: "expected_close", paging: paging).all()
        let names = try await OpportunityDTO.names(of: Array(rows.prefix(paging.limit)), on: db)
        return Keyset.listPage(rows, paging: paging) { deal in
            OpportunityDTO.of(deal, names: names, now: now, staleDays: staleDays)
        }
    }
}
