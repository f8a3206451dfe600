import CRMCore
import Fluent
import Vapor

/// What Pipeline brings to the account card and the caller screen (the account's open deals) and to its timeline (deals opened).
extension PipelineArea {
    static func contribute(to contributions: inout Contributions) {
        contributions.myDaySections.append { userID, request in
            let stale = try await Opportunity.query(on: request.db).filter(\.$owner.$id == userID)
                .onlyStale(now: request.now, staleDays: request.application.config.staleDays).sort(\.$expectedClose).limit(10).all()
            let names = try await CustomerDirectory(db: request.db).names(accounts: stale.map(\.accountID))
            return [Node.section(.class("card"), .aria("label", "Stale deals")) {
                Node.h2 { "Stale deals" }
                if stale.isEmpty { Node.p(.class("muted")) { "No open deal is past its close date or untouched." } }
                Node.ul(.class("results")) {
                    for deal in stale {
                        Node.li {
                            Node.a(.href(Site.deal(deal.id!))) { .text(deal.name) }
                            Node.div(.class("muted")) { .text("\(names.accounts[deal.accountID] ?? "") · expected to close \(deal.expectedClose)") }
                        }
                    }
                }
            }]
        }
        contributions.homeTiles.append { request in
            let userID = try request.user.requireID()
            let open = try await Opportunity.query(on: request.db).filter(\.$owner.$id == userID).filter(\.$outcome == StageOutcome.open.rawValue).count()
            let stale = try await Opportunity.query(on: request.db).filter(\.$owner.$id == userID)
                .onlyStale(now: request.now, staleDays: request.application.config.staleDays).count()
            return [
                .a(.href(QueryString.link(Site.deals(), ["owner": userID.uuidString, "outcome": "open"])), .class("tile card")) {
                    Node.div(.class("muted")) { "Your open deals" }
                    Node.div(.class("figure")) { .text(String(open)) }
                },
                .a(.href(QueryString.link(Site.deals(), ["owner": userID.uuidString, "stale": "true"])), .class("tile card")) {
                    Node.div(.class("muted")) { "Of them stale" }
                    Node.div(.class("figure")) { .text(String(stale)) }
                    Node.small(.class("muted")) { "past their close date or untouched" }
                },
            ]
        }
        contributions.timelineSources.append(.init(type: "deal", label: "Deal", page: Site.deal, table: Opportunity.schema, timeColumn: "created_at") { subject, page, db in
            guard case let .account(accountID) = subject else { return [] }
            let query = Opportunity.query(on: db).filter(\.$accountID == accountID).with(\.$owner)
            if let user = page.userID { query.filter(\.$owner.$id == user) }
            return try await page.page(query, timeColumn: "created_at").all().map {
                TimelineEntry(id: $0.id!, type: "deal", occurredAt: $0.createdAt ?? Date(timeIntervalSince1970: 0), title: "Deal opened: \($0.name)",
                              summary: nil, direction: nil, user: UserRef($0.owner))
            }
        })
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
