import CRMCore
import Vapor

/// An account's open deals as a card section, on the account card and the caller screen.
enum OpenDealsSection {
    static func node(_ deals: [OpenDeals.Deal], accountID: UUID) -> Node {
        .section(.class("card"), .id("open-deals")) {
            Node.div(.class("title-row")) {
                Node.h2 { "Open deals" }
                Node.a(.href(Site.deals() + "?account=\(accountID)")) { "All deals →" }
            }
            if deals.isEmpty {
                Node.p(.class("muted")) { "No open deals." }
            } else {
                Node.table {
                    Node.thead { Node.tr { Node.th { "Deal" }; Node.th { "Stage" }; Node.th { "Amount" }; Node.th { "Expected close" }; Node.th { "Owner" } } }
                    Node.tbody {
                        for deal in deals {
                            Node.tr {
                                Node.td {
                                    Node.a(.href(Site.deal(deal.id))) { .text(deal.name) }
                                    if let next = deal.nextStep { Node.div(.class("muted")) { .text("Next: " + next) } }
                                }
                                Node.td { .text("\(deal.stage) (\(deal.probability) %)") }
                                Node.td(.class("number")) { .text(MinorUnits.display(deal.amountMinor, currency: deal.currency)) }
                                Node.td { .text(deal.expectedClose) }
                                Node.td { .text(deal.owner) }
                            }
                        }
                    }
                }
            }
        }
    }
}
