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
        let query = Opportunity.query(on: db).with(\.$account).with(\.$stage).with(\.$owner)
            .with(\.$people) { $0.with(\.$contact) }.with(\.$competitors)
        if let pipeline { query.filter(\.$pipeline.$id == pipeline) }
        if let stage { query.filter(\.$stage.$id == stage) }
        if let owner { query.filter(\.$owner.$id == owner) }
        if let account { query.filter(\.$account.$id == account) }
        if let outcome { query.filter(\.$outcome == outcome.rawValue) }
        if staleOnly { query.onlyStale(now: now, staleDays: staleDays) }
        if let after = paging.after {
            guard let afterID = UUID(uuidString: after.id) else { throw APIError.badRequest("The cursor is not valid.", fields: ["cursor": "is not valid"]) }
            query.filter(.sql(embed: """
                (\(ident: "opportunities").\(ident: "expected_close"), \(ident: "opportunities").\(ident: "id")) > \
                (SELECT \(ident: "expected_close"), \(ident: "id") FROM \(ident: "opportunities") WHERE \(ident: "id") = \(bind: afterID))
                """))
        }
        let rows = try await query.sort(\.$expectedClose).sort(\.$id).limit(paging.limit + 1).all()
        return ListPage(rows: rows, limit: paging.limit, cursor: { PageCursor(key: "", id: $0.id!.uuidString) }) { deal in
            OpportunityDTO.of(deal, now: now, staleDays: staleDays)
        }
    }
}
