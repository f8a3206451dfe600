import Fluent
import Foundation

/// Something the company sells, with its list price and what one unit costs the company.
final class Product: Model, @unchecked Sendable {
    static let schema = "products"

    @ID(key: .id) var id: UUID?
    @Field(key: "sku") var sku: String
    @Field(key: "name") var name: String
    @OptionalField(key: "description") var details: String?
    @Field(key: "unit") var unit: String
    @Field(key: "price_minor") var priceMinor: Int64
    @Field(key: "cost_minor") var costMinor: Int64
    @Field(key: "currency") var currency: String
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

/// A product's price and cost from a moment on: the history behind margin changes.
final class ProductPriceChange: Model, @unchecked Sendable {
    static let schema = "product_price_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "product_id") var product: Product
    @Field(key: "price_minor") var priceMinor: Int64
    @Field(key: "cost_minor") var costMinor: Int64
    @Field(key: "changed_at") var changedAt: Date
    @OptionalParent(key: "changed_by_id") var changedBy: User?

    init() {}
}

/// One margin tier as an admin set it (`MarginTiers` in CRMCore holds the rules).
final class MarginTierRow: Model, @unchecked Sendable {
    static let schema = "margin_tiers"

    @ID(key: .id) var id: UUID?
    @Field(key: "position") var position: Int
    @Field(key: "code") var code: String
    @Field(key: "minimum_bp") var minimumBasisPoints: Int64
    @Field(key: "commission_bp") var commissionBasisPoints: Int64

    init() {}
}

/// What one unit of a foreign currency was worth in the base currency from a day on.
final class ExchangeRate: Model, @unchecked Sendable {
    static let schema = "exchange_rates"

    @ID(key: .id) var id: UUID?
    @Field(key: "currency") var currency: String
    /// `YYYY-MM-DD`.
    @Field(key: "valid_from") var validFrom: String
    /// Exact decimal text, e.g. "0.9234".
    @Field(key: "rate") var rate: String
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
