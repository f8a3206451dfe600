import Fluent
import Foundation

/// What Pipeline tells the other areas about deals, so that none of them reads Pipeline's models.
struct DealDirectory {
    let db: any Database

    struct DealFacts: Sendable {
        let id: UUID
        let name: String
        let accountID: UUID
    }

    func deal(_ id: UUID?) async throws -> DealFacts? {
        guard let id, let deal = try await Opportunity.find(id, on: db) else { return nil }
        return DealFacts(id: id, name: deal.name, accountID: deal.accountID)
    }
}
