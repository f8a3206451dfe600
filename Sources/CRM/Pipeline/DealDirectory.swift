import CRMCore
import Fluent
import Foundation

/// What Pipeline tells the other areas about deals, so that none of them reads Pipeline's models.
struct DealDirectory {
    let db: any Database

    struct DealFacts: Sendable {
        let id: UUID
        let name: String
        let accountID: UUID
        let amountMinor: Int64
        let currency: String
        let isWon: Bool
    }

    func deal(_ id: UUID?) async throws -> DealFacts? {
        guard let id, let deal = try await Opportunity.find(id, on: db) else { return nil }
        return DealFacts(id: id, name: deal.name, accountID: deal.accountID, amountMinor: deal.amountMinor, currency: deal.currency,
                         isWon: deal.outcome == StageOutcome.won.rawValue)
    }

    /// Deal names for a page of records: one query.
    func names(_ ids: some Collection<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for deal in try await Opportunity.query(on: db).filter(\.$id ~~ Set(ids)).field(\.$id).field(\.$name).all() { names[deal.id!] = deal.name }
        return names
    }
}
