import CRMCore
import Fluent
import Vapor

/// `/api/v1/orders`, their status moves, invoices, credit notes and payments, and an account's sales summary.
enum OrdersAPIController {
    /// Orders newest first, keyset-paged; filter by account, status, salesperson or period.
    @Sendable static func list(_ request: Request) async throws -> ListPage<OrderDTO> {
        try await OrderFilter(request).page(on: request.db, paging: try PageRequest(from: request))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let order = try await OrderStore(request).create(try request.decodeStrict(OrderInput.self))
        var dto = try await OrderDTO.of(try await OrderStore.load(order.requireID(), on: request.db), on: request.db)
        dto.warnings = try await CreditCheck.warnings(for: order, base: request.application.config.baseCurrency, on: request.db)
        return try .json(dto, status: .created, version: dto.version)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let dto = try await OrderDTO.of(try await OrderStore.load(try request.pathUUID("orderID"), on: request.db), on: request.db)
        return try .json(dto, version: dto.version)
    }

    struct MoveInput: StrictInput {
        var status: String?
        var note: String?
    }

    /// Moves the order to its next status (confirmed → in production → shipped → delivered, or cancelled).
    @Sendable static func move(_ request: Request) async throws -> Response {
        let input = try request.decodeStrict(MoveInput.self)
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        try await OrderStore(request).move(order, to: input.status, note: input.note)
        let dto = try await OrderDTO.of(try await OrderStore.load(order.requireID(), on: request.db), on: request.db)
        return try .json(dto, version: dto.version)
    }

    /// Replaces the lines of an order that has not shipped; the revision is kept with who, when and what changed.
    @Sendable static func revise(_ request: Request) async throws -> Response {
        let input = try request.decodeStrict(OrderRevisionInput.self)
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        let store = try OrderStore(request)
        try store.requireRevise(order)
        try await store.revise(order, input, expectedVersion: try request.expectedVersion())
        var dto = try await OrderDTO.of(try await OrderStore.load(order.requireID(), on: request.db), on: request.db)
        dto.warnings = try await CreditCheck.warnings(for: order, base: request.application.config.baseCurrency, on: request.db)
        return try .json(dto, version: dto.version)
    }

    @Sendable static func revisions(_ request: Request) async throws -> [OrderRevisionDTO] {
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        return try await OrderRecord.revisions(of: order.requireID(), on: request.db)
    }

    @Sendable static func history(_ request: Request) async throws -> [StatusChangeDTO] {
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        return try await OrderRecord.history(of: order.requireID(), on: request.db)
    }

    @Sendable static func invoice(_ request: Request) async throws -> Response {
        let input = try request.decodeStrict(InvoiceInput.self)
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        return try .json(InvoiceDTO(try await InvoiceStore(request).invoice(order, input)), status: .created)
    }

    @Sendable static func creditNote(_ request: Request) async throws -> Response {
        let input = try request.decodeStrict(CreditNoteInput.self)
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        return try .json(InvoiceDTO(try await InvoiceStore(request).creditNote(order, input)), status: .created)
    }

    /// An account's invoices and credit notes, newest first (at most 500).
    @Sendable static func accountInvoices(_ request: Request) async throws -> [InvoiceDTO] {
        let account = try await account(request)
        return try await Invoice.query(on: request.db).filter(\.$accountID == account.id)
            .sort(\.$issueDate, .descending).sort(\.$number, .descending).limit(500).all().map(InvoiceDTO.init)
    }

    @Sendable static func pay(_ request: Request) async throws -> Response {
        let input = try request.decodeStrict(PaymentInput.self)
        let invoice = try await InvoiceStore.load(try request.pathUUID("invoiceID"), on: request.db)
        let payment = try await InvoiceStore(request).pay(invoice, input)
        return try .json(PaymentDTO(id: try payment.requireID(), invoiceId: try invoice.requireID(), paidOn: payment.paidOn,
                                    amountMinor: payment.amountMinor, method: payment.method, invoice: InvoiceDTO(invoice)), status: .created)
    }

    /// Invoices past their due date with something outstanding, the most overdue first.
    @Sendable static func overdue(_ request: Request) async throws -> ListPage<Receivables.OverdueInvoice> {
        try await Receivables.overdue(today: CalendarDate.today(at: request.now), paging: try PageRequest(from: request), on: request.db)
    }

    @Sendable static func accountSales(_ request: Request) async throws -> AccountSales {
        let account = try await account(request)
        return try await AccountSales.load(accountID: account.id, today: CalendarDate.today(at: request.now), on: request.db)
    }

    struct CreditLimitInput: StrictInput {
        var creditLimitMinor: Int64?
    }

    @Sendable static func setCreditLimit(_ request: Request) async throws -> AccountSales {
        _ = try request.requireRole(\.canSetCreditLimits)
        let input = try request.decodeStrict(CreditLimitInput.self)
        let account = try await account(request)
        try await AccountStore(request).setCreditLimit(of: account.id, to: input.creditLimitMinor, currency: request.application.config.baseCurrency)
        return try await AccountSales.load(accountID: account.id, today: CalendarDate.today(at: request.now), on: request.db)
    }

    static func account(_ request: Request) async throws -> CustomerDirectory.AccountFacts {
        try await CustomerDirectory(db: request.db).requireAccount(try request.pathUUID("accountID"))
    }

    /// `POST /imports/{kind}?dryRun=true` with a CSV body: all or nothing; a dry run reports without writing.
    @Sendable static func importCSV(_ request: Request) async throws -> SalesImport.Report {
        guard let kind = SalesImport.Kind(rawValue: request.parameters.get("kind") ?? "") else { throw APIError.notFound("This kind of import") }
        guard let text = request.body.string else { throw APIError.badRequest("Send the CSV file as the request body.") }
        let dryRun = request.query[String.self, at: "dryRun"].map { $0 == "true" || $0 == "1" } ?? false
        return try await SalesImport(db: request.db, actor: try request.user, now: request.now, baseCurrency: request.application.config.baseCurrency)
            .run(kind, csv: text, dryRun: dryRun)
    }
}
