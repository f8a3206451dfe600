import Fluent
import Foundation

/// A rule that keeps salespeople in touch: "tier A: visit every 90 days". It applies to the accounts of one tier, one
/// tag, or a single account, and keeps one open visit or call task per account, due that many days after the last
/// real visit or call.
final class RevisitPlan: Model, @unchecked Sendable {
    static let schema = "revisit_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// `RevisitKind`.
    @Field(key: "kind") var kind: String
    @Field(key: "interval_days") var intervalDays: Int
    /// Exactly one of the three scopes is set.
    @OptionalField(key: "tier") var tier: String?
    @OptionalField(key: "tag") var tag: String?
    @OptionalField(key: "account_id") var accountID: UUID?
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
