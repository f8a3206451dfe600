import CRMCore
import Vapor

/// An account's sales at a glance, on its card and on the caller screen: tier, open orders and where they are,
/// what it owes and how it pays, and when it is likely to order again.
enum SalesPageParts {
    static func summary(_ sales: AccountSales, accountID: UUID, compact: Bool = false) -> Node {
        .section(.class("card sales"), .id("sales")) {
            Node.h2 {
                "Sales"
                if let tier = sales.tier { Node.span(.class("tag tier"), .title("Tier by profit, trailing twelve months")) { .text("Tier \(tier)") } }
            }
            if sales.openOrders.isEmpty {
                Node.p(.class("muted")) { "No open orders." }
            } else {
                Node.table(.class("list figures")) {
                    Node.thead { Node.tr { Node.th { "Order" }; Node.th { "Date" }; Node.th { "Status" }; Node.th { "Total" } } }
                    Node.tbody {
                        for order in sales.openOrders.prefix(compact ? 5 : 20) {
                            Node.tr {
                                Node.td { Node.a(.href(Site.order(order.id))) { .text("#\(order.number)") } }
                                Node.td { .text(order.orderDate) }
                                Node.td { Node.span(.class("tag"), .data("status", order.status)) { .text(order.statusLabel) } }
                                Node.td(.class("number")) { .text("\(MinorUnits.display(order.totalMinor, currency: order.currency))") }
                            }
                        }
                    }
                }
            }
            Node.dl {
                for balance in sales.balances {
                    Node.dt { .text("Balance (\(balance.currency))") }
                    Node.dd {
                        .text("\(MinorUnits.display(balance.outstandingMinor, currency: balance.currency)) outstanding")
                        if balance.overdueMinor > 0 {
                            Node.span(.class("warn")) { .text(" · \(MinorUnits.display(balance.overdueMinor, currency: balance.currency)) overdue") }
                        }
                        Node.text(" · \(balance.paidLate) of \(balance.invoices) invoices paid late"
                                  + (balance.averageDaysLate.map { ", \($0) days on average" } ?? ""))
                    }
                }
                if let orders = sales.orders {
                    Node.dt { "Orders" }
                    Node.dd {
                        .text("\(orders)" + (sales.lastOrderDate.map { ", last on \($0)" } ?? "")
                              + (sales.averageDaysBetweenOrders.map { ", every \($0) days on average" } ?? "")
                              + (sales.expectedNextOrder.map { "; next expected around \($0)" } ?? ""))
                    }
                    if let bought = sales.productsBought, !bought.isEmpty {
                        Node.dt { "Buys" }
                        Node.dd { .text(bought.map { "\($0.name) (\($0.quantity))" }.joined(separator: ", ")) }
                    }
                }
            }
            Node.p {
                Node.a(.href(Site.accountOrderNew(accountID))) { "New order" }
                Node.text(" · ")
                Node.a(.href(QueryString.link(Site.orders(), ["account": accountID.uuidString]))) { "All orders" }
                Node.text(" · ")
                Node.a(.href(Site.accountProfit(accountID.uuidString))) { "Profit by month, product and order" }
            }
        }
    }
}
