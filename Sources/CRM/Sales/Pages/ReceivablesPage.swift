import CRMCore
import Vapor

/// The overdue list: every invoice past its due date with something outstanding, the most overdue first.
enum ReceivablesPage {
    @Sendable static func overdue(_ request: Request) async throws -> Response {
        let page = try await Receivables.overdue(today: CalendarDate.today(at: request.now), paging: try PageRequest(from: request), on: request.db)
        return Layout.page("Overdue invoices", PageContext(request)) {
            Node.h1 { "Overdue invoices" }
            if page.items.isEmpty { Node.p(.class("muted")) { "Nothing is overdue." } }
            Node.table(.class("list figures")) {
                Node.thead {
                    Node.tr {
                        Node.th { "Invoice" }; Node.th { "Account" }; Node.th { "Due" }; Node.th { "Days late" }; Node.th { "Amount" }; Node.th { "Outstanding" }
                    }
                }
                Node.tbody {
                    for row in page.items {
                        Node.tr {
                            Node.td {
                                if let orderID = row.invoice.orderId {
                                    Node.a(.href(Site.order(orderID) + "#invoices")) { .text("#\(row.invoice.number)") }
                                } else {
                                    Node.text("#\(row.invoice.number)")
                                }
                            }
                            Node.td { Node.a(.href(Site.account(row.account.id))) { .text(row.account.name) } }
                            Node.td { .text(row.invoice.dueDate) }
                            Node.td(.class("number")) { Node.span(.class("tag warn")) { .text(String(row.daysLate)) } }
                            Node.td(.class("number")) { .text(MinorUnits.display(row.invoice.amountMinor, currency: row.invoice.currency)) }
                            Node.td(.class("number")) { .text(MinorUnits.display(row.invoice.outstandingMinor, currency: row.invoice.currency)) }
                        }
                    }
                }
            }
            NextPageLink.node(Site.overdueInvoices(), query: [:], nextCursor: page.nextCursor)
        }.response()
    }
}
