import CRMCore
import Fluent
import Vapor

/// On a deal's page: the orders it became, and for a won deal without one, the offer to create it.
enum DealOrdersSection {
    static func node(dealID: UUID, request: Request) async throws -> [Contributions.CardSection] {
        let orders = try await Order.query(on: request.db).filter(\.$opportunityID == dealID).sort(\.$number).limit(50).all()
        guard let deal = try await DealDirectory(db: request.db).deal(dealID), deal.isWon || !orders.isEmpty else { return [] }
        let mayBook = try request.user.role.canBookOrders
        return [.init(place: .summary, node: .section(.class("card"), .id("orders")) {
            Node.h2 { "Orders" }
            if orders.isEmpty {
                Node.p { "This deal is won and has no order yet." }
            } else {
                Node.table(.class("list figures")) {
                    Node.thead { Node.tr { Node.th { "Order" }; Node.th { "Date" }; Node.th { "Status" }; Node.th { "Total" } } }
                    Node.tbody {
                        for order in orders {
                            Node.tr {
                                Node.td { Node.a(.href(Site.order(order.id!))) { .text("#\(order.number)") } }
                                Node.td { .text(order.orderDate) }
                                Node.td { Node.span(.class("tag")) { .text(OrderPages.statusLabel(order.status)) } }
                                Node.td(.class("number")) { .text(MinorUnits.display(order.revenueMinor, currency: order.currency)) }
                            }
                        }
                    }
                }
            }
            if mayBook, deal.isWon {
                Node.p {
                    Node.a(.href(QueryString.link(Site.accountOrderNew(deal.accountID), ["deal": dealID.uuidString])), .class("button")) {
                        .text(orders.isEmpty ? "Create the order" : "Create another order")
                    }
                }
            }
        })]
    }
}
