import CRMCore
import Fluent
import Vapor

/// What customers owe past its due date, most overdue first, for the bookkeeper's list and the API.
enum Receivables {
    struct OverdueInvoice: Content {
        let invoice: InvoiceDTO
        let account: AccountRef
        let daysLate: Int

        static let schema = JSONSchema.object([("invoice", .ref("Invoice")), ("account", .ref("AccountRef")), ("daysLate", .integer())],
                                              required: ["invoice", "account", "daysLate"])
    }

    /// Invoices with something outstanding and a due date before `today`, keyset-paged by due date: three queries
    /// whatever the page size.
    static func overdue(today: CalendarDate, paging: PageRequest, on db: any Database) async throws -> ListPage<OverdueInvoice> {
        let query = Invoice.query(on: db).filter(\.$kind == "invoice").filter(\.$dueDate < today.description)
            .filter(.sql(embed: "\(ident: "paid_minor") < \(ident: "amount_minor")"))
        let rows = try await Keyset.page(query, by: "due_date", paging: paging).all()
        let names = try await CustomerDirectory(db: db).names(accounts: rows.prefix(paging.limit).map(\.accountID))
        return Keyset.listPage(rows, paging: paging) { invoice in
            OverdueInvoice(invoice: InvoiceDTO(invoice), account: names.account(invoice.accountID),
                           daysLate: CalendarDate(invoice.dueDate).map { $0.days(until: today) } ?? 0)
        }
    }
}
