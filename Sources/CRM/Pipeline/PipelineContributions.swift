import Fluent
import Vapor

/// What Pipeline brings to the account card and the caller screen: the account's open deals.
extension PipelineArea {
    static func contribute(to contributions: inout Contributions) {
        contributions.cardSections.append { subject, request in
            guard case let .account(accountID) = subject else { return [] }
            let deals = try await OpenDeals.of(accountID, on: request.db)
            return [.init(place: .activity, node: OpenDealsSection.node(deals, accountID: accountID))]
        }
        contributions.callerSections.append { _, accountID, request in
            guard let accountID else { return [] }
            let deals = try await OpenDeals.of(accountID, limit: 5, on: request.db)
            return [.init(place: .activity, node: OpenDealsSection.node(deals, accountID: accountID))]
        }
    }
}
