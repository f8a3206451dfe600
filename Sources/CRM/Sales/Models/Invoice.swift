import Fluent
import Foundation

/// An invoice (positive amount) or a credit note (negative amount) to an account, and how much of it is paid.
final class Invoice: Model, @unchecked Sendable {
    static let schema = "invoices"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "kind") var kind: String
    @Field(key: "account_id") var accountID: UUID
    @OptionalParent(key: "order_id") var order: Order?
    /// `YYYY-MM-DD`.
    @Field(key: "issue_date") var issueDate: String
    @Field(key: "due_date") var dueDate: String
    @Field(key: "amount_minor") var amountMinor: Int64
    @Field(key: "currency") var currency: String
    @Field(key: "paid_minor") var paidMinor: Int64
    /// The day it was paid in full.
    @OptionalField(key: "paid_on") var paidOn: String?
    @OptionalField(key: "reason") var reason: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class Payment: Model, @unchecked Sendable {
    static let schema = "payments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "invoice_id") var invoice: Invoice
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "paid_on") var paidOn: String
    @Field(key: "amount_minor") var amountMinor: Int64
    @Field(key: "method") var method: String
    @OptionalParent(key: "recorded_by_id") var recordedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// An account's current tier by profit contribution, rebuilt by each recomputation.
final class AccountTier: Model, @unchecked Sendable {
    static let schema = "account_tiers"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "tier") var tier: String
    @Field(key: "profit_minor") var profitMinor: Int64
    @Field(key: "computed_at") var computedAt: Date

    init() {}
}

/// A change of an account's tier: the tier history.
final class AccountTierChange: Model, @unchecked Sendable {
    static let schema = "account_tier_changes"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @OptionalField(key: "from_tier") var fromTier: String?
    @Field(key: "to_tier") var toTier: String
    @Field(key: "profit_minor") var profitMinor: Int64
    @Field(key: "changed_at") var changedAt: Date

    init() {}
}

/// The Pareto shares of the ABC tiers, as an admin set them (one row; defaults when absent).
final class TierSettingsRow: Model, @unchecked Sendable {
    static let schema = "tier_settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "a_percent") var aPercent: Int
    @Field(key: "b_percent") var bPercent: Int

    init() {}
}
