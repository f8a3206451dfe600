import CRMCore
import Foundation

/// The orders' pages: the filtered list, and one order with its lines, profit, status history and invoices.
enum OrderPages {
    struct ListModel {
        let page: ListPage<OrderFilter.Summary>
        let query: [String: String]
        let salespeople: [UserRef]
        let accountName: String?
    }

    struct CardModel {
        let order: OrderDTO
        let history: [StatusChangeDTO]
        let invoices: [InvoiceDTO]
        let revisions: [OrderRevisionDTO]
        let dealName: String?
        /// Whether the signed-in user may revise the lines now (not shipped, not invoiced, their order or a manager).
        let canRevise: Bool
        /// The statuses the signed-in user may move the order to (service staff ship and deliver only).
        let moves: [OrderStatus]
        let canBill: Bool
        let today: String
        let timeZone: String
        let errors: [String: String]
        let notice: String?
    }

    static func statusLabel(_ raw: String) -> String {
        raw.replacingOccurrences(of: "_", with: " ").capitalized
    }

    static func list(_ model: ListModel, _ context: PageContext) -> Node {
        Layout.page("Orders", context) {
            Node.div(.class("title-row")) {
                Node.h1 { .text(model.accountName.map { "Orders of " + $0 } ?? "Orders") }
                Node.a(.href(Site.overdueInvoices()), .class("button secondary")) { "Overdue invoices" }
                if context.role?.canImport == true { Node.a(.href(Site.salesImport()), .class("button secondary")) { "Import from CSV" } }
            }
            Node.form(.method("get"), .action(Site.orders()), .class("filters")) {
                if let account = model.query["account"] { Node.input(.type("hidden"), .name("account"), .value(account)) }
                FormField.select("status", label: "Status", options: OrderStatus.allCases.map { ($0.rawValue, statusLabel($0.rawValue)) },
                                 selected: model.query["status"], includeEmpty: true)
                FormField.select("salesperson", label: "Salesperson", options: model.salespeople.map { ($0.id.uuidString, $0.name) },
                                 selected: model.query["salesperson"], includeEmpty: true)
                FormField.input("from", label: "From month", value: model.query["from"], type: "month")
                FormField.input("to", label: "To month", value: model.query["to"], type: "month")
                Node.button(.type("submit"), .class("secondary")) { "Show" }
            }
            if model.page.items.isEmpty { Node.p(.class("muted")) { "No orders." } }
            Node.table(.class("list figures")) {
                Node.thead {
                    Node.tr {
                        Node.th { "Order" }; Node.th { "Date" }; Node.th { "Account" }; Node.th { "Salesperson" }; Node.th { "Status" }
                        Node.th { "Total" }; Node.th { "Profit" }
                    }
                }
                Node.tbody {
                    for order in model.page.items {
                        Node.tr {
                            Node.td { Node.a(.href(Site.order(order.id))) { .text("#\(order.number)") } }
                            Node.td { .text(order.orderDate) }
                            Node.td { Node.a(.href(Site.account(order.account.id))) { .text(order.account.name) } }
                            Node.td { .text(order.salesperson ?? "") }
                            Node.td { Node.span(.class("tag")) { .text(statusLabel(order.status)) } }
                            Node.td(.class("number")) { .text(MinorUnits.display(order.revenueMinor, currency: order.currency)) }
                            Node.td(.class("number")) { .text(MinorUnits.display(order.profitMinor, currency: order.currency)) }
                        }
                    }
                }
            }
            NextPageLink.node(Site.orders(), query: model.query, nextCursor: model.page.nextCursor)
        }
    }

    static func card(_ model: CardModel, _ context: PageContext) -> Node {
        let order = model.order
        func money(_ minor: Int64) -> String { MinorUnits.display(minor, currency: order.currency) }
        return Layout.page("Order #\(order.number)", context) {
            Node.h1 { .text("Order #\(order.number)") }
            Node.p(.class("subtitle")) {
                Node.a(.href(Site.account(order.account.id))) { .text(order.account.name) }
                Node.text(" · \(order.orderDate) · ")
                Node.span(.class("tag")) { .text(statusLabel(order.status)) }
                if let salesperson = order.salesperson { Node.text(" · Salesperson: " + salesperson.name) }
                if let dealID = order.opportunityId, let deal = model.dealName {
                    Node.text(" · Won from the deal "); Node.a(.href(Site.deal(dealID))) { .text(deal) }
                }
            }
            Node.section(.class("card")) {
                Node.table(.class("list figures")) {
                    Node.thead {
                        Node.tr {
                            Node.th { "Item" }; Node.th { "Quantity" }; Node.th { "Unit price" }; Node.th { "Discount" }
                            Node.th { "Revenue" }; Node.th { "Cost" }; Node.th { "Profit" }; Node.th { "Margin tier" }
                        }
                    }
                    Node.tbody {
                        for line in order.lines {
                            Node.tr {
                                Node.td { line.productId.map { id in Node.a(.href(Site.product(id))) { .text(line.description) } } ?? .text(line.description) }
                                Node.td(.class("number")) { .text(String(line.quantity)) }
                                Node.td(.class("number")) { .text(money(line.unitPriceMinor)) }
                                Node.td(.class("number")) { .text(MinorUnits.plain(line.discountBasisPoints, decimals: 2) + " %") }
                                Node.td(.class("number")) { .text(money(line.revenueMinor)) }
                                Node.td(.class("number")) { .text(money(line.costMinor)) }
                                Node.td(.class("number")) { .text(money(line.profitMinor)) }
                                Node.td { Node.span(.class("tag")) { .text(line.marginTier) } }
                            }
                        }
                    }
                }
                Node.dl {
                    Node.dt { "Total" }; Node.dd { .text(money(order.revenueMinor)) }
                    Node.dt { "Profit" }; Node.dd { .text(money(order.profitMinor)) }
                    Node.dt { "Commission" }; Node.dd { .text(money(order.commissionMinor)) }
                    if let note = order.note { Node.dt { "Note" }; Node.dd(.class("prose")) { .text(note) } }
                    if let reason = order.priceReason { Node.dt { "Price differs from the quote because" }; Node.dd { .text(reason) } }
                }
                if model.canRevise { Node.p { Node.a(.href(Site.orderRevise(order.id)), .class("button secondary")) { "Revise the order" } } }
            }
            if !model.moves.isEmpty {
                Node.form(.method("post"), .action(Site.orderStatus(order.id)), .class("filters"), .id("status")) {
                    context.csrfField
                    FormField.select("status", label: "Move to", options: model.moves.map { ($0.rawValue, statusLabel($0.rawValue)) },
                                     selected: nil, errors: model.errors)
                    FormField.input("note", label: "Note", value: "", errors: model.errors)
                    Node.button(.type("submit")) { "Move" }
                }
            }
            invoices(model, context)
            if !model.revisions.isEmpty { revisions(model) }
            Node.section(.class("card"), .id("history")) {
                Node.h2 { "Status history" }
                Node.ul(.class("timeline")) {
                    for change in model.history {
                        Node.li {
                            DateText.node(change.changedAt, timeZone: model.timeZone)
                            Node.text(" " + (change.from.map { statusLabel($0) + " → " } ?? "") + statusLabel(change.to))
                            Node.span(.class("muted")) { .text(" — " + (change.changedBy?.name ?? "a former user") + (change.note.map { ": " + $0 } ?? "")) }
                        }
                    }
                }
            }
        }
    }

    private static func revisions(_ model: CardModel) -> Node {
        .section(.class("card"), .id("revisions")) {
            Node.h2 { "Revisions" }
            Node.ul(.class("timeline")) {
                for revision in model.revisions {
                    Node.li {
                        DateText.node(revision.revisedAt, timeZone: model.timeZone)
                        Node.text(" " + (revision.revisedBy?.name ?? "a former user") + ": total "
                                  + MinorUnits.display(revision.previousRevenueMinor, currency: model.order.currency) + " → "
                                  + MinorUnits.display(revision.revenueMinor, currency: model.order.currency))
                        if let reason = revision.reason { Node.span(.class("muted")) { .text(" — " + reason) } }
                        Node.ul { for change in revision.changes { Node.li { .text(change) } } }
                    }
                }
            }
        }
    }

    private static func invoices(_ model: CardModel, _ context: PageContext) -> Node {
        let order = model.order
        func money(_ minor: Int64) -> String { MinorUnits.display(minor, currency: order.currency) }
        return .section(.class("card"), .id("invoices")) {
            Node.h2 { "Invoices" }
            if let notice = model.notice { Node.p(.class("notice")) { .text(notice) } }
            if model.invoices.isEmpty { Node.p(.class("muted")) { "Not invoiced yet." } }
            Node.table(.class("list figures")) {
                Node.thead {
                    Node.tr {
                        Node.th { "Invoice" }; Node.th { "Issued" }; Node.th { "Due" }; Node.th { "Amount" }; Node.th { "Paid" }; Node.th { "Outstanding" }
                        if model.canBill { Node.th { "Record a payment" } }
                    }
                }
                Node.tbody {
                    for invoice in model.invoices {
                        Node.tr {
                            Node.td { .text((invoice.kind == "credit_note" ? "Credit note " : "Invoice ") + "#\(invoice.number)") }
                            Node.td { .text(invoice.issueDate) }
                            Node.td {
                                Node.text(invoice.dueDate)
                                if invoice.outstandingMinor > 0, invoice.dueDate < model.today { Node.span(.class("tag warn")) { " overdue" } }
                            }
                            Node.td(.class("number")) { .text(money(invoice.amountMinor)) }
                            Node.td(.class("number")) { .text(money(invoice.paidMinor)) }
                            Node.td(.class("number")) { .text(money(invoice.outstandingMinor)) }
                            if model.canBill {
                                Node.td {
                                    if invoice.kind == "invoice", invoice.outstandingMinor > 0 {
                                        Node.form(.method("post"), .action(Site.invoicePayment(invoice.id)), .class("inline")) {
                                            context.csrfField
                                            Node.input(.type("text"), .name("amount"), .value(MinorUnits.plain(invoice.outstandingMinor, currency: order.currency)),
                                                       .aria("label", "Amount paid on invoice \(invoice.number)"), Attribute("inputmode", "decimal"))
                                            Node.input(.type("date"), .name("paidOn"), .value(model.today), .aria("label", "Paid on"))
                                            Node.button(.type("submit"), .class("secondary")) { "Record" }
                                        }
                                        if let error = model.errors[invoice.id.uuidString] { Node.p(.class("field-error")) { .text(error) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Only what is confirmed and not yet invoiced in full can be invoiced.
            let invoiced = model.invoices.filter { $0.kind == "invoice" }.reduce(Int64(0)) { $0 + $1.amountMinor }
            let credited = -model.invoices.filter { $0.kind == "credit_note" }.reduce(Int64(0)) { $0 + $1.amountMinor }
            if model.canBill, invoiced > credited {
                // The API's field names: no other form on the card reports `amountMinor` or `reason`.
                Node.details(.when(model.errors["amountMinor"] != nil || model.errors["reason"] != nil, .init("open", "open"))) {
                    Node.el("summary") { "Issue a credit note" }
                    Node.form(.method("post"), .action(Site.orderCreditNotes(order.id)), .class("filters")) {
                        context.csrfField
                        FormField.input("amount", label: "Amount", value: "", errors: model.errors, errorKey: "amountMinor",
                                        extra: [Attribute("inputmode", "decimal")])
                        FormField.input("reason", label: "Reason", value: "", errors: model.errors)
                        Node.button(.type("submit"), .class("secondary")) { "Issue credit note" }
                    }
                }
            }
            if model.canBill, order.status != OrderStatus.draft.rawValue, order.status != OrderStatus.cancelled.rawValue, invoiced < order.revenueMinor {
                Node.form(.method("post"), .action(Site.orderInvoices(order.id)), .class("filters")) {
                    context.csrfField
                    FormField.input("issueDate", label: "Issue date", value: model.today, type: "date", errors: model.errors)
                    FormField.input("dueDate", label: "Due date (default: 30 days later)", value: "", type: "date", errors: model.errors)
                    Node.button(.type("submit"), .class("secondary")) { "Issue invoice" }
                }
            }
        }
    }
}
