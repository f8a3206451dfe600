import CRMCore
import Fluent
import Vapor

struct OrderRevisionInput: StrictInput {
    var lines: [OrderLineInput]?
    /// Why the order changed ("customer added two units by phone"), kept with the revision.
    var reason: String?
    var priceReason: String?
}

struct OrderRevisionDTO: Content {
    let revisedAt: Date
    let revisedBy: UserRef?
    let reason: String?
    let changes: [String]
    let previousRevenueMinor: Int64
    let revenueMinor: Int64

    init(_ entry: OrderRevisionEntry) {
        (revisedAt, revisedBy, reason, changes) = (entry.revisedAt, UserRef(entry.revisedBy), entry.reason, entry.changes)
        (previousRevenueMinor, revenueMinor) = (entry.previousRevenueMinor, entry.revenueMinor)
    }

    static let schema = JSONSchema.object([
        ("revisedAt", .dateTime), ("revisedBy", .nullable(.ref("UserRef"))), ("reason", .nullable(.string())),
        ("changes", .array(.string(description: "One sentence per change, e.g. \"Widget: quantity 3 → 5\""))),
        ("previousRevenueMinor", .integer()), ("revenueMinor", .integer()),
    ], required: ["revisedAt", "changes", "previousRevenueMinor", "revenueMinor"])
}

/// Revising an order before it ships: its lines are replaced and priced again at the order date, and the revision is
/// kept with who, when, why and what changed. Once invoiced, a change is a credit note instead, so the books agree.
extension OrderStore {
    /// A salesperson revises their own orders; managers and admins anyone's.
    func requireRevise(_ order: Order) throws {
        guard actor.role.canReviseOrder(own: order.$salesperson.id == actor.id) else { throw APIError.forbidden }
    }

    func revise(_ order: Order, _ input: OrderRevisionInput, expectedVersion: Int) async throws {
        try requireRevise(order)
        try VersionGuard.check(expected: expectedVersion, current: order.version)
        let status = OrderStatus(rawValue: order.status) ?? .draft
        guard status.isRevisable else {
            throw APIError.invalid(["lines": "cannot change: the order is \(status.label.lowercased()); issue a credit note instead"])
        }
        let orderID = try order.requireID()
        if try await Invoice.query(on: db).filter(\.$order.$id == orderID).count() > 0 {
            throw APIError.invalid(["lines": "cannot change: the order is invoiced; issue a credit note instead"])
        }
        var fields = FieldCheck()
        let reason = fields.text(input.reason, "reason", max: 1_000)
        // The reason given when the order was booked still explains its prices unless a new one is given.
        let priceReason = fields.text(input.priceReason, "priceReason", max: 1_000) ?? order.priceReason
        let pricing = OrderLinePricing(db: db, accountID: order.accountID, orderDate: order.orderDate, currency: order.currency, baseCurrency: baseCurrency)
        let priced = try await pricing.price(input.lines ?? [], priceReason: priceReason, fields: &fields)
        try fields.throwIfFailed()
        guard let priced else { throw APIError.invalid(fields.errors) }
        let changes = OrderRevision.changes(from: order.lines.sorted { $0.position < $1.position }.map(Self.revisionLine),
                                            to: priced.lines.map(Self.revisionLine), currency: order.currency)
        guard !changes.isEmpty else { throw APIError.invalid(["lines": "are unchanged"]) }
        let entry = OrderRevisionEntry()
        entry.$order.id = orderID
        entry.revisedAt = now
        entry.$revisedBy.id = actor.id
        entry.reason = reason
        entry.changes = changes
        entry.previousRevenueMinor = order.revenueMinor
        entry.revenueMinor = priced.revenueMinor
        try await db.transaction { db in
            try await VersionGuard.claim(table: Order.schema, id: orderID, expected: expectedVersion, on: db)
            try await OrderLine.query(on: db).filter(\.$order.$id == orderID).delete()
            try OrderLinePricing.apply(priced, to: order)
            order.version = expectedVersion + 1
            order.priceReason = priceReason
            try await order.save(on: db)
            try await priced.lines.create(on: db)
            try await entry.create(on: db)
        }
    }

    private static func revisionLine(_ line: OrderLine) -> OrderRevision.Line {
        let key = QuoteConsistency.itemKey(productID: line.$product.id?.uuidString, description: line.item) ?? line.item
        return .init(itemKey: key, description: line.item, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor,
                     discountBasisPoints: line.discountBasisPoints)
    }
}

extension OrderRecord {
    static func revisions(of orderID: UUID, on db: any Database) async throws -> [OrderRevisionDTO] {
        try await OrderRevisionEntry.query(on: db).filter(\.$order.$id == orderID).with(\.$revisedBy).sort(\.$revisedAt).all().map(OrderRevisionDTO.init)
    }
}
