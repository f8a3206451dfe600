import Fluent
import Foundation

/// What the customer uses from a competitor and how that relationship stands (seed 003).
final class CompetitorEntry: Model, @unchecked Sendable {
    static let schema = "competitor_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: Account
    @Field(key: "competitor") var competitor: String
    @OptionalField(key: "product") var product: String?
    /// 1 (very unhappy) to 5 (very happy) with the competitor's product.
    @OptionalField(key: "satisfaction") var satisfaction: Int?
    @OptionalField(key: "competitor_rep") var competitorRep: String?
    @OptionalField(key: "rep_relationship") var repRelationship: String?
    @OptionalField(key: "notes") var notes: String?
    /// `YYYY-MM-DD`: a calendar date, not an instant.
    @OptionalField(key: "learned_on") var learnedOn: String?
    @OptionalParent(key: "created_by_id") var createdBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}
