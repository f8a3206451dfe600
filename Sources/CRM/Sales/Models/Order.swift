import Fluent
import Foundation

/// A customer's order: what was sold, at what price and cost, and where it is on its way to the customer.
/// Totals are kept in the order's currency and, converted on the order date, in the base currency for reports.
final class Order: Model, @unchecked Sendable {
    static let schema = "orders"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "account_id") var accountID: UUID
    @OptionalField(key: "contact_id") var contactID: UUID?
    @Parent(key: "salesperson_id") var salesperson: User
    /// `YYYY-MM-DD` and `YYYY-MM`: reports group by the month without date functions.
    @Field(key: "order_date") var orderDate: String
    @Field(key: "order_month") var orderMonth: String
    @Field(key: "currency") var currency: String
    /// `OrderStatus` raw value, and whether that status makes the order count as a sale.
    @Field(key: "status") var status: String
    @Field(key: "counts") var counts: Bool
    @Field(key: "status_changed_at") var statusChangedAt: Date
    @Field(key: "revenue_minor") var revenueMinor: Int64
    @Field(key: "cost_minor") var costMinor: Int64
    @Field(key: "base_revenue_minor") var baseRevenueMinor: Int64
    @Field(key: "base_cost_minor") var baseCostMinor: Int64
    @Field(key: "commission_minor") var commissionMinor: Int64
    @OptionalField(key: "note") var note: String?
    /// The order's key in the system it came from (an import, a web shop), unique when given.
    @OptionalField(key: "external_ref") var externalRef: String?
    /// The deal this order was won from.
    @OptionalField(key: "opportunity_id") var opportunityID: UUID?
    /// Why a line's price differs from a quote the customer still holds (the quote-consistency rule).
    @OptionalField(key: "price_reason") var priceReason: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int
    @Children(for: \.$order) var lines: [OrderLine]

    init() {}
}

/// One line of an order, with the unit cost captured when it was sold and its margin tier and commission.
final class OrderLine: Model, @unchecked Sendable {
    static let schema = "order_lines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "order_id") var order: Order
    @Field(key: "position") var position: Int
    @OptionalParent(key: "product_id") var product: Product?
    @Field(key: "description") var item: String
    @Field(key: "quantity") var quantity: Int64
    @Field(key: "unit_price_minor") var unitPriceMinor: Int64
    @Field(key: "discount_bp") var discountBasisPoints: Int64
    @Field(key: "unit_cost_minor") var unitCostMinor: Int64
    @Field(key: "revenue_minor") var revenueMinor: Int64
    @Field(key: "cost_minor") var costMinor: Int64
    @Field(key: "base_revenue_minor") var baseRevenueMinor: Int64
    @Field(key: "base_cost_minor") var baseCostMinor: Int64
    @Field(key: "margin_tier") var marginTier: String
    @Field(key: "commission_minor") var commissionMinor: Int64
    /// Copied from the order so reports by product read one table: account, month, and whether it counts.
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "order_month") var orderMonth: String
    @Field(key: "salesperson_id") var salespersonID: UUID
    @Field(key: "counts") var counts: Bool

    init() {}
}

/// Each status an order took, when and by whom: the fulfilment history a caller is told about.
final class OrderStatusChange: Model, @unchecked Sendable {
    static let schema = "order_status_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "order_id") var order: Order
    @OptionalField(key: "from_status") var fromStatus: String?
    @Field(key: "to_status") var toStatus: String
    @Field(key: "changed_at") var changedAt: Date
    @OptionalParent(key: "changed_by_id") var changedBy: User?
    @OptionalField(key: "note") var note: String?

    init() {}
}

/// One revision of an order's lines before it shipped: who and when, why, and what changed in words.
final class OrderRevisionEntry: Model, @unchecked Sendable {
    static let schema = "order_revisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "order_id") var order: Order
    @Field(key: "revised_at") var revisedAt: Date
    @OptionalParent(key: "revised_by_id") var revisedBy: User?
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "changes") var changes: [String]
    @Field(key: "previous_revenue_minor") var previousRevenueMinor: Int64
    @Field(key: "revenue_minor") var revenueMinor: Int64

    init() {}
}
