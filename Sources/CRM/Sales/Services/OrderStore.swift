import CRMCore
import Fluent
import SQLKit
import Vapor

struct OrderLineInput: Codable, Sendable {
    var productId: UUID?
    var description: String?
    var quantity: Int64?
    var unitPriceMinor: Int64?
    var discountBasisPoints: Int64?
    var unitCostMinor: Int64?
}

extension OrderLineInput {
    /// A line typed on a page; a line without a quantity is one unit.
    init(_ typed: PricedLineForm.Reading) {
        self.init(productId: typed.productID, description: typed.description, quantity: typed.quantity ?? 1,
                  unitPriceMinor: typed.unitPriceMinor, discountBasisPoints: typed.discountBasisPoints)
    }
}

struct OrderInput: StrictInput {
    var accountId: UUID?
    var contactId: UUID?
    var salespersonId: UUID?
    var orderDate: String?
    var currency: String?
    var status: String?
    var note: String?
    var externalRef: String?
    /// The deal the order was won from, of the same account.
    var opportunityId: UUID?
    /// Why a price differs from a quote the customer still holds.
    var priceReason: String?
    var lines: [OrderLineInput]?
}

/// Orders: created with their lines (unit cost captured from the product unless given), converted to the base
/// currency at the rate of the order date, then moved through their statuses with every move recorded.
/// Until it ships an order's lines may be revised (`OrderRevisions`); after that a change is a credit note.
struct OrderStore {
    let db: any Database
    let actor: User
    let now: Date
    let baseCurrency: String

    static func load(_ id: UUID, on db: any Database) async throws -> Order {
        guard let order = try await Order.query(on: db).filter(\.$id == id).with(\.$salesperson)
            .with(\.$lines) { $0.with(\.$product) }.first() else { throw APIError.notFound("This order") }
        return order
    }

    func create(_ input: OrderInput) async throws -> Order {
        var fields = FieldCheck()
        guard actor.role.canBookOrders else { throw APIError.forbidden }
        let directory = CustomerDirectory(db: db)
        let account = try await directory.account(input.accountId)
        if input.accountId == nil { fields.fail("accountId", "is required") } else if account == nil || account?.isArchived == true { fields.fail("accountId", "names no active account") }
        if let contactID = input.contactId, try await directory.contact(contactID) == nil { fields.fail("contactId", "names no contact") }
        // A salesperson books their own sales; a manager or admin typing in (or importing) an order books it for
        // the account's owner unless they name someone, so commissions go to whoever looks after the customer.
        var salespersonID = try actor.requireID()
        if actor.role.canBookForOthers, let owner = account?.ownerID { salespersonID = owner }
        if let id = input.salespersonId {
            if try await User.find(id, on: db) == nil { fields.fail("salespersonId", "names no user") }
            else if id != actor.id, !actor.role.canBookForOthers { fields.fail("salespersonId", "only managers may book orders for someone else") }
            salespersonID = id
        }
        let orderDate = fields.date(input.orderDate, "orderDate") ?? CalendarDate.today(at: now).description
        let currency = (input.currency ?? baseCurrency).uppercased()
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isLetter }) { fields.fail("currency", "must be a three-letter ISO 4217 code") }
        var status = OrderStatus.confirmed
        if let raw = input.status {
            if let parsed = OrderStatus(rawValue: raw), parsed == .draft || parsed == .confirmed { status = parsed }
            else { fields.fail("status", "must be draft or confirmed; later statuses follow by moving the order") }
        }
        let note = fields.text(input.note, "note", max: 4_000)
        let externalRef = fields.text(input.externalRef, "externalRef", max: 100)
        if let externalRef, let existing = try await Order.query(on: db).filter(\.$externalRef == externalRef).first() {
            fields.fail("externalRef", "is already used by order #\(existing.number)")
        }
        var dealID: UUID?
        if let id = input.opportunityId {
            if let deal = try await DealDirectory(db: db).deal(id) {
                if let account, deal.accountID != account.id { fields.fail("opportunityId", "is a deal of another account") } else { dealID = deal.id }
            } else { fields.fail("opportunityId", "names no deal") }
        }
        let priceReason = fields.text(input.priceReason, "priceReason", max: 1_000)
        let pricing = OrderLinePricing(db: db, accountID: input.accountId ?? UUID(), orderDate: orderDate, currency: currency, baseCurrency: baseCurrency)
        let priced = try await pricing.price(input.lines ?? [], priceReason: priceReason, fields: &fields)
        try fields.throwIfFailed()
        guard let account, let priced else { throw APIError.invalid(fields.errors) }

        let order = Order()
        order.accountID = account.id
        order.contactID = input.contactId
        order.$salesperson.id = salespersonID
        order.orderDate = orderDate
        order.orderMonth = String(orderDate.prefix(7))
        order.currency = currency
        order.status = status.rawValue
        order.counts = status.counts
        order.statusChangedAt = now
        order.note = note
        order.externalRef = externalRef
        order.opportunityID = dealID
        order.priceReason = priceReason
        order.version = 1
        let firstStatus = status
        try await db.transaction { db in
            order.number = try await DocumentNumbers.next(for: Order.schema, on: db)
            order.id = UUID()
            try OrderLinePricing.apply(priced, to: order)
            try await order.create(on: db)
            try await priced.lines.create(on: db)
            try await record(order, from: nil, to: firstStatus, note: nil, on: db)
        }
        return order
    }

    /// Moves an order to its next status; a move the workflow does not allow is refused and nothing changes.
    func move(_ order: Order, to raw: String?, note: String?) async throws {
        // An unreadable status is a 422 for those who may move orders at all, and a 403 for the others.
        let own = order.$salesperson.id == actor.id
        guard raw.flatMap({ OrderStatus(rawValue: $0) }).map({ actor.role.canMoveOrder(to: $0, own: own) }) ?? actor.role.canBookOrders else { throw APIError.forbidden }
        let current = OrderStatus(rawValue: order.status) ?? .draft
        guard let raw, let target = OrderStatus(rawValue: raw) else {
            throw APIError.invalid(["status": "must be one of " + OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        guard current.canMove(to: target) else {
            let allowed = current.next.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalid(["status": "cannot go from \(current.rawValue) to \(target.rawValue)" + (allowed.isEmpty ? "; the order is closed" : "; next may be \(allowed)")])
        }
        var fields = FieldCheck()
        let note = fields.text(note, "note", max: 1_000)
        try fields.throwIfFailed()
        try await db.transaction { db in
            try await VersionGuard.claim(table: Order.schema, id: order.requireID(), expected: order.version, on: db)
            order.version += 1
            order.status = target.rawValue
            order.counts = target.counts
            order.statusChangedAt = now
            try await order.save(on: db)
            try await OrderLine.query(on: db).filter(\.$order.$id == order.requireID()).set(\.$counts, to: target.counts).update()
            try await record(order, from: current, to: target, note: note, on: db)
        }
    }

    private func record(_ order: Order, from: OrderStatus?, to: OrderStatus, note: String?, on db: any Database) async throws {
        let change = OrderStatusChange()
        change.$order.id = try order.requireID()
        change.fromStatus = from?.rawValue
        change.toStatus = to.rawValue
        change.changedAt = now
        change.$changedBy.id = actor.id
        change.note = note
        try await change.create(on: db)
    }
}

extension OrderStore {
    /// The store as the signed-in user of `request` sees it.
    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now, baseCurrency: request.application.config.baseCurrency)
    }
}
