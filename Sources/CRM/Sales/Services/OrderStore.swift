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

struct OrderInput: StrictInput {
    var accountId: UUID?
    var contactId: UUID?
    var salespersonId: UUID?
    var orderDate: String?
    var currency: String?
    var status: String?
    var note: String?
    var externalRef: String?
    var lines: [OrderLineInput]?
}

/// Orders: created with their lines (unit cost captured from the product unless given), converted to the base
/// currency at the rate of the order date, then moved through their statuses with every move recorded.
/// Lines are not edited once written: a change after confirmation is a cancellation and a new order, or a credit note.
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
        let lineInputs = input.lines ?? []
        if lineInputs.isEmpty { fields.fail("lines", "must hold at least one line") }
        if lineInputs.count > 500 { fields.fail("lines", "must hold at most 500 lines") }

        let productIDs = Set(lineInputs.compactMap(\.productId))
        let products = productIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Product.query(on: db).filter(\.$id ~~ productIDs).all().map { ($0.id!, $0) })
        var rate: Decimal = 1
        if fields.errors.isEmpty, currency != baseCurrency {
            if let recorded = try await ExchangeRates.rate(for: currency, on: orderDate, db: db) { rate = recorded }
            else { fields.fail("currency", "has no exchange rate to \(baseCurrency) recorded on or before \(orderDate)") }
        }
        let tiers = try await MarginTiersStore.load(on: db)

        var lines: [OrderLine] = []
        for (index, line) in lineInputs.enumerated() {
            let path = "lines[\(index)]"
            let product = line.productId.flatMap { products[$0] }
            if line.productId != nil, product == nil { fields.fail(path + ".productId", "names no product") }
            let item = fields.text(line.description, path + ".description", max: 500) ?? product?.name
            if item == nil, line.productId == nil { fields.fail(path + ".description", "is required for a line without a product") }
            let usesProductPrices = line.unitPriceMinor == nil || line.unitCostMinor == nil
            if let product, usesProductPrices, product.currency != currency {
                fields.fail(path + ".unitPriceMinor", "must be given: the product is priced in \(product.currency), the order is in \(currency)")
                continue
            }
            guard let price = line.unitPriceMinor ?? product?.priceMinor else {
                fields.fail(path + ".unitPriceMinor", "is required for a line without a product")
                continue
            }
            let unitCost = line.unitCostMinor ?? product?.costMinor ?? 0
            let figures: LineFigures
            do {
                figures = try LineFigures(quantity: line.quantity ?? 0, unitPriceMinor: price, discountBasisPoints: line.discountBasisPoints ?? 0, unitCostMinor: unitCost)
            } catch {
                let field = switch error {
                case .quantity: "quantity"
                case .price, .overflow: "unitPriceMinor"
                case .cost: "unitCostMinor"
                case .discount: "discountBasisPoints"
                }
                fields.fail("\(path).\(field)", error.description)
                continue
            }
            guard let baseRevenue = CurrencyConversion.convert(Money(minor: figures.revenueMinor, currency: currency), rate: rate, to: baseCurrency),
                  let baseCost = CurrencyConversion.convert(Money(minor: figures.costMinor, currency: currency), rate: rate, to: baseCurrency) else {
                fields.fail(path + ".unitPriceMinor", "amounts are too large")
                continue
            }
            let margin = Margin.basisPoints(priceMinor: figures.revenueMinor, costMinor: figures.costMinor)
            let row = OrderLine()
            row.position = index
            row.$product.id = product?.id
            row.item = item ?? ""
            row.quantity = line.quantity ?? 0
            row.unitPriceMinor = price
            row.discountBasisPoints = line.discountBasisPoints ?? 0
            row.unitCostMinor = unitCost
            row.revenueMinor = figures.revenueMinor
            row.costMinor = figures.costMinor
            row.baseRevenueMinor = baseRevenue.minor
            row.baseCostMinor = baseCost.minor
            row.marginTier = tiers.tier(forMargin: margin).code
            row.commissionMinor = tiers.commissionMinor(revenueMinor: baseRevenue.minor, marginBasisPoints: margin)
            lines.append(row)
        }
        // Totals of many large lines, converted at a large rate, could pass what 64 bits hold.
        func total(_ figure: (OrderLine) -> Int64) -> Int64? {
            var sum: Int64 = 0
            for line in lines {
                let (next, overflow) = sum.addingReportingOverflow(figure(line))
                if overflow { return nil }
                sum = next
            }
            return sum
        }
        let totals = [total(\.revenueMinor), total(\.costMinor), total(\.baseRevenueMinor), total(\.baseCostMinor), total(\.commissionMinor)]
        if totals.contains(where: { $0 == nil }) { fields.fail("lines", "amounts are too large") }
        try fields.throwIfFailed()

        let order = Order()
        order.accountID = account!.id
        order.contactID = input.contactId
        order.$salesperson.id = salespersonID
        order.orderDate = orderDate
        order.orderMonth = String(orderDate.prefix(7))
        order.currency = currency
        order.status = status.rawValue
        order.counts = status.counts
        order.statusChangedAt = now
        order.revenueMinor = totals[0]!
        order.costMinor = totals[1]!
        order.baseRevenueMinor = totals[2]!
        order.baseCostMinor = totals[3]!
        order.commissionMinor = totals[4]!
        order.note = note
        order.externalRef = externalRef
        order.version = 1
        let (rows, salesperson, firstStatus) = (lines, salespersonID, status)
        try await db.transaction { db in
            order.number = try await DocumentNumbers.next(for: Order.schema, on: db)
            try await order.create(on: db)
            for line in rows {
                line.$order.id = try order.requireID()
                line.accountID = order.accountID
                line.orderMonth = order.orderMonth
                line.salespersonID = salesperson
                line.counts = order.counts
            }
            try await rows.create(on: db)
            try await record(order, from: nil, to: firstStatus, note: nil, on: db)
        }
        return order
    }

    /// Moves an order to its next status; a move the workflow does not allow is refused and nothing changes.
    func move(_ order: Order, to raw: String?, note: String?) async throws {
        // An unreadable status is a 422 for those who may move orders at all, and a 403 for the others.
        guard raw.flatMap({ OrderStatus(rawValue: $0) }).map(actor.role.canMoveOrder) ?? actor.role.canBookOrders else { throw APIError.forbidden }
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
