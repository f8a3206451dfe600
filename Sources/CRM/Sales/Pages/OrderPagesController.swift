import CRMCore
import Fluent
import Vapor

/// The orders' pages: the list, an order's card, and moving, invoicing and recording payments from it.
enum OrderPagesController {
    @Sendable static func list(_ request: Request) async throws -> Response {
        try await listPage(try OrderFilter(request), paging: try PageRequest(from: request), query: request.pageQuery,
                           context: PageContext(request), on: request.db).response()
    }

    /// The list page for a filter (the benchmark renders it too).
    static func listPage(_ filter: OrderFilter, paging: PageRequest, query: [String: String], context: PageContext, on db: any Database) async throws -> Node {
        let page = try await filter.summaries(on: db, paging: paging)
        let model = OrderPages.ListModel(page: page, query: query, salespeople: try await UserDirectory.activeUsers(on: db),
                                         accountName: try await CustomerDirectory(db: db).account(filter.account)?.name)
        return OrderPages.list(model, context)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await card(request, try request.pathUUID("orderID")).response()
    }

    static func card(_ request: Request, _ orderID: UUID, errors: [String: String] = [:], notice: String? = nil) async throws -> Node {
        let order = try await OrderStore.load(orderID, on: request.db)
        let role = try request.user.role
        let current = OrderStatus(rawValue: order.status) ?? .draft
        // The form offers only the moves the store will accept from this user.
        let own = order.$salesperson.id == (try request.user.id)
        let moves = current.next.filter { role.canMoveOrder(to: $0, own: own) }
        let invoices = try await OrderRecord.invoices(of: orderID, on: request.db)
        let canRevise = current.isRevisable && invoices.isEmpty && role.canReviseOrder(own: own)
        let model = OrderPages.CardModel(
            order: try await OrderDTO.of(order, on: request.db), history: try await OrderRecord.history(of: orderID, on: request.db),
            invoices: invoices, revisions: try await OrderRecord.revisions(of: orderID, on: request.db),
            dealName: try await DealDirectory(db: request.db).deal(order.opportunityID)?.name, canRevise: canRevise,
            moves: moves, canBill: role.canBookOrders,
            today: CalendarDate.today(at: request.now).description, timeZone: request.userTimeZone, errors: errors, notice: notice)
        return OrderPages.card(model, PageContext(request))
    }

    /// The empty form, for an account; `?deal=` fills it from the won deal's newest quote, else from the deal itself.
    @Sendable static func new(_ request: Request) async throws -> Response {
        guard try request.user.role.canBookOrders else { throw APIError.forbidden }
        let account = try await CustomerDirectory(db: request.db).requireAccount(try request.pathUUID("accountID"))
        var form = NewOrderPage.Form(orderDate: CalendarDate.today(at: request.now).description, currency: request.application.config.baseCurrency,
                                     status: "confirmed", lines: [])
        if let deal = try await DealDirectory(db: request.db).deal(try request.queryUUID("deal")), deal.accountID == account.id {
            form.opportunityId = deal.id.uuidString
            let quoted = try await request.application.contributions.quotes?.ofDeal(deal.id, request.db) ?? []
            let products = try await SalesDirectory(db: request.db).activeProducts()
            form.currency = quoted.first?.currency ?? deal.currency
            form.lines = quoted.isEmpty
                ? [PricedLineForm(description: deal.name, quantity: "1", unitPrice: MinorUnits.plain(deal.amountMinor, currency: deal.currency))]
                : quoted.map {
                    PricedLineForm(productID: $0.productID, description: $0.description, quantity: $0.quantity, unitPriceMinor: $0.unitPriceMinor,
                                   discountBasisPoints: $0.discountBasisPoints, currency: $0.currency, products: products)
                }
        }
        return try await newOrderPage(request, account, form: form, errors: [:]).response()
    }

    /// Books the order and shows it with what the credit check says, or the form again with each problem beside it.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let store = try OrderStore(request)
        guard store.actor.role.canBookOrders else { throw APIError.forbidden }
        let account = try await CustomerDirectory(db: request.db).requireAccount(try request.pathUUID("accountID"))
        let form = try request.content.decode(NewOrderPage.Form.self)
        let (input, formErrors) = NewOrderPage.input(form, accountID: account.id, baseCurrency: request.application.config.baseCurrency,
                                                     products: try await SalesDirectory(db: request.db).activeProducts())
        do {
            guard formErrors.isEmpty else { throw APIError.invalid(formErrors) }
            let order = try await store.create(input)
            let warnings = try await CreditCheck.warnings(for: order, base: request.application.config.baseCurrency, on: request.db)
            let notice = (["Order #\(order.number) booked."] + warnings).joined(separator: " ")
            return try await card(request, order.requireID(), notice: notice).response(status: .created)
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await newOrderPage(request, account, form: form, errors: formErrors.merging(error.fields) { first, _ in first })
                .response(status: .unprocessableEntity)
        }
    }

    private static func newOrderPage(_ request: Request, _ account: CustomerDirectory.AccountFacts, form: NewOrderPage.Form,
                                     errors: [String: String]) async throws -> Node {
        let products = try await SalesDirectory(db: request.db).activeProducts()
        let today = CalendarDate.today(at: request.now).description
        let keys = Dictionary(products.compactMap { product in
            QuoteConsistency.itemKey(productID: product.id.uuidString, description: nil).map { ($0, product.id) }
        }, uniquingKeysWith: { first, _ in first })
        let quotes = try await request.application.contributions.quotes?.latest(account.id, Set(keys.keys), today, request.db) ?? [:]
        let quoted = Dictionary(quotes.compactMap { key, quote in quote.holds(on: today) ? keys[key].map { ($0, quote) } : nil },
                                uniquingKeysWith: { first, _ in first })
        let deal = try await DealDirectory(db: request.db).deal(form.opportunityId.flatMap(UUID.init(uuidString:)))
        let model = NewOrderPage.Model(accountID: account.id, accountName: account.name, form: form, products: products,
                                       quoted: quoted, dealName: deal?.name, errors: errors)
        return NewOrderPage.render(model, PageContext(request))
    }

    struct MoveForm: Content {
        var status: String?
        var note: String?
    }

    @Sendable static func move(_ request: Request) async throws -> Response {
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        let form = try request.content.decode(MoveForm.self)
        return try await fromCard(request, try order.requireID(), field: "status") {
            try await OrderStore(request).move(order, to: form.status, note: form.note)
            return request.redirect(to: Site.order(try order.requireID()) + "#history")
        }
    }

    /// A change made from the order's card; when it is refused (422, or 409 for a stale or closed order) the card
    /// comes back with each problem beside its form — under `field` when the refusal names none — together with
    /// `typed`, what the form's own reading found wrong (then the change is not tried).
    private static func fromCard(_ request: Request, _ orderID: UUID, field: String, typed: [String: String] = [:],
                                 _ change: () async throws -> Response) async throws -> Response {
        do {
            guard typed.isEmpty else { throw APIError.invalid(typed) }
            return try await change()
        } catch let error as APIError where error.status == .unprocessableEntity || error.status == .conflict {
            let errors = error.fields.isEmpty ? [field: error.message] : typed.merging(error.fields) { first, _ in first }
            return try await card(request, orderID, errors: errors).response(status: error.status)
        }
    }

    struct InvoiceForm: Content {
        var issueDate: String?
        var dueDate: String?
    }

    @Sendable static func invoice(_ request: Request) async throws -> Response {
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        let form = try request.content.decode(InvoiceForm.self)
        return try await fromCard(request, try order.requireID(), field: "issueDate") {
            let invoice = try await InvoiceStore(request).invoice(order, InvoiceInput(issueDate: form.issueDate, dueDate: form.dueDate))
            return try await card(request, order.requireID(), notice: "Invoice #\(invoice.number) issued.").response()
        }
    }

    struct CreditNoteForm: Content {
        var amount: String?
        var reason: String?
    }

    /// A credit note against what was invoiced (goods returned, a price corrected), with its reason.
    @Sendable static func creditNote(_ request: Request) async throws -> Response {
        let store = try InvoiceStore(request)
        try store.requireBilling()
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        let form = try request.content.decode(CreditNoteForm.self)
        var errors = [String: String]()
        let amount = TypedAmount.read(form.amount, currency: order.currency, field: "amountMinor", errors: &errors)
        return try await fromCard(request, try order.requireID(), field: "amountMinor", typed: errors) {
            let note = try await store.creditNote(order, CreditNoteInput(amountMinor: amount, reason: form.reason, issueDate: nil))
            return try await card(request, order.requireID(), notice: "Credit note #\(note.number) issued.").response()
        }
    }

    struct PaymentForm: Content {
        var amount: String?
        var paidOn: String?
    }

    /// Records a full or partial payment; an unreadable or too large amount is said next to the invoice.
    @Sendable static func pay(_ request: Request) async throws -> Response {
        let store = try InvoiceStore(request)
        try store.requireBilling()
        let invoice = try await InvoiceStore.load(try request.pathUUID("invoiceID"), on: request.db)
        guard let orderID = invoice.$order.id else { throw APIError.notFound("This invoice's order") }
        let form = try request.content.decode(PaymentForm.self)
        let key = try invoice.requireID().uuidString
        guard let amount = MinorUnits.parse(form.amount ?? "", currency: invoice.currency) else {
            return try await card(request, orderID, errors: [key: "The amount must be written like 1250.50."]).response(status: .unprocessableEntity)
        }
        do {
            _ = try await store.pay(invoice, PaymentInput(paidOn: form.paidOn, amountMinor: amount, method: nil))
            return try await card(request, orderID, notice: "Payment of \(MinorUnits.display(amount, currency: invoice.currency)) recorded.").response()
        } catch let error as APIError where error.status == .unprocessableEntity {
            let message = error.fields.sorted { $0.key < $1.key }.map { ($0.key == "amountMinor" ? "The amount" : $0.key) + " " + $0.value }.joined(separator: "; ")
            return try await card(request, orderID, errors: [key: message]).response(status: .unprocessableEntity)
        }
    }
}
