import CRMCore
import Fluent
import SQLKit
import Vapor

struct InvoiceInput: StrictInput {
    var issueDate: String?
    var dueDate: String?
}

struct CreditNoteInput: StrictInput {
    var amountMinor: Int64?
    var reason: String?
    var issueDate: String?
}

struct PaymentInput: StrictInput {
    var paidOn: String?
    var amountMinor: Int64?
    var method: String?
}

enum PaymentMethod: String, CaseIterable, Codable {
    case bankTransfer = "bank_transfer", card, cash, cheque, other
}

/// Invoices from orders, credit notes against them, and payments, partial ones included.
struct InvoiceStore {
    let db: any Database
    let actor: User
    let now: Date

    static let defaultTermDays = 30

    static func load(_ id: UUID, on db: any Database) async throws -> Invoice {
        guard let invoice = try await Invoice.find(id, on: db) else { throw APIError.notFound("This invoice") }
        return invoice
    }

    /// Invoices what of the order is not invoiced yet.
    func invoice(_ order: Order, _ input: InvoiceInput) async throws -> Invoice {
        try requireBilling()
        var fields = FieldCheck()
        // Absent or empty dates take their defaults; unreadable ones are field errors.
        let issue = fields.date(input.issueDate, "issueDate").flatMap(CalendarDate.init) ?? CalendarDate.today(at: now)
        let due = fields.date(input.dueDate, "dueDate").flatMap(CalendarDate.init) ?? issue.adding(days: Self.defaultTermDays)
        if due < issue { fields.fail("dueDate", "must not be before the issue date") }
        try fields.throwIfFailed()
        guard order.counts else { throw APIError.conflict("Only confirmed orders are invoiced.", fields: ["status": "is \(order.status)"]) }
        let invoiced = try await sum(kind: "invoice", order: order)
        let remaining = order.revenueMinor - invoiced
        guard remaining > 0 else { throw APIError.conflict("This order is invoiced in full.") }
        return try await store(kind: "invoice", order: order, amount: remaining, issue: issue, due: due, reason: nil)
    }

    /// A credit note lowers what the customer owes, up to what was invoiced for the order and not yet credited.
    func creditNote(_ order: Order, _ input: CreditNoteInput) async throws -> Invoice {
        try requireBilling()
        var fields = FieldCheck()
        let reason = fields.required(input.reason, "reason", max: 1_000)
        let issue = fields.date(input.issueDate, "issueDate").flatMap(CalendarDate.init) ?? CalendarDate.today(at: now)
        let invoiced = try await sum(kind: "invoice", order: order)
        let credited = -(try await sum(kind: "credit_note", order: order))
        if let amount = input.amountMinor {
            if amount <= 0 { fields.fail("amountMinor", "must be positive") }
            else if amount > invoiced - credited { fields.fail("amountMinor", "must be at most \(MinorUnits.plain(invoiced - credited, currency: order.currency)) (invoiced and not yet credited)") }
        } else {
            fields.fail("amountMinor", "is required")
        }
        try fields.throwIfFailed()
        return try await store(kind: "credit_note", order: order, amount: -input.amountMinor!, issue: issue, due: issue, reason: reason)
    }

    /// Records a payment; it may be partial, never more than is outstanding.
    func pay(_ invoice: Invoice, _ input: PaymentInput) async throws -> Payment {
        try requireBilling()
        var fields = FieldCheck()
        guard invoice.kind == "invoice" else { throw APIError.invalid(["invoice": "is a credit note, which is not paid"]) }
        let paidOn = fields.date(input.paidOn, "paidOn") ?? CalendarDate.today(at: now).description
        let method = fields.choice(input.method, "method", as: PaymentMethod.self) ?? .bankTransfer
        let outstanding = invoice.amountMinor - invoice.paidMinor
        if let amount = input.amountMinor {
            if amount <= 0 { fields.fail("amountMinor", "must be positive") }
            else if amount > outstanding { fields.fail("amountMinor", "must be at most the outstanding \(MinorUnits.plain(outstanding, currency: invoice.currency))") }
        } else {
            fields.fail("amountMinor", "is required")
        }
        try fields.throwIfFailed()
        let amount = input.amountMinor!
        let payment = Payment()
        payment.$invoice.id = try invoice.requireID()
        payment.accountID = invoice.accountID
        payment.paidOn = paidOn
        payment.amountMinor = amount
        payment.method = method.rawValue
        payment.$recordedBy.id = actor.id
        try await db.transaction { db in
            // Only if nobody paid in between: what is outstanding must still cover this payment.
            let sql = db.sql
            let updated = try await sql.raw("""
                UPDATE invoices SET paid_minor = paid_minor + \(bind: amount),
                  paid_on = CASE WHEN paid_minor + \(bind: amount) = amount_minor THEN \(bind: paidOn) ELSE paid_on END
                WHERE id = \(bind: invoice.requireID()) AND amount_minor - paid_minor >= \(bind: amount)
                RETURNING paid_minor
                """).all()
            guard updated.count == 1 else { throw APIError.conflict("Another payment was recorded meanwhile; reload the invoice.") }
            try await payment.create(on: db)
        }
        invoice.paidMinor += amount
        if invoice.paidMinor == invoice.amountMinor { invoice.paidOn = paidOn }
        return payment
    }

    func requireBilling() throws {
        guard actor.role.canBookOrders else { throw APIError.forbidden }
    }

    private func sum(kind: String, order: Order) async throws -> Int64 {
        let sql = db.sql
        let row = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS total FROM invoices WHERE order_id = \(bind: order.requireID()) AND kind = \(bind: kind)
            """).first()
        return try row?.decode(column: "total", as: Int64.self) ?? 0
    }

    private func store(kind: String, order: Order, amount: Int64, issue: CalendarDate, due: CalendarDate, reason: String?) async throws -> Invoice {
        let invoice = Invoice()
        invoice.kind = kind
        invoice.accountID = order.accountID
        invoice.$order.id = try order.requireID()
        invoice.issueDate = issue.description
        invoice.dueDate = due.description
        invoice.amountMinor = amount
        invoice.currency = order.currency
        invoice.paidMinor = 0
        invoice.reason = reason
        try await db.transaction { db in
            invoice.number = try await DocumentNumbers.next(for: Invoice.schema, on: db)
            try await invoice.create(on: db)
        }
        return invoice
    }
}

extension InvoiceStore {
    /// The store as the signed-in user of `request` sees it.
    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now)
    }
}
