import Fluent
import Foundation

/// A customer: a company, or an individual for consumer business. One user owns it.
final class Account: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "industry") var industry: String?
    @OptionalField(key: "size_band") var sizeBand: String?
    @OptionalField(key: "website") var website: String?
    @OptionalParent(key: "parent_id") var parent: Account?
    @Parent(key: "owner_id") var owner: User
    @Field(key: "addresses") var addresses: [AddressValue]
    @OptionalField(key: "business_notes") var businessNotes: String?
    @OptionalField(key: "annual_volume_minor") var annualVolumeMinor: Int64?
    @OptionalField(key: "typical_price_minor") var typicalPriceMinor: Int64?
    @OptionalField(key: "currency") var currency: String?
    @OptionalField(key: "sales_goals") var salesGoals: String?
    @OptionalField(key: "product_usage") var productUsage: String?
    @Field(key: "tags") var tags: [String]
    @OptionalParent(key: "created_by_id") var createdBy: User?
    @OptionalParent(key: "updated_by_id") var updatedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    /// Raised on every change; an update must name the version it read (optimistic locking).
    @Field(key: "version") var version: Int
    /// In the base currency; nil for no limit (set in the Sales area).
    @OptionalField(key: "credit_limit_minor") var creditLimitMinor: Int64?

    init() {}
}

/// A postal address as part of a customer record.
struct AddressValue: Codable, Equatable, Sendable {
    var kind: String
    var street: String?
    var city: String?
    var region: String?
    var postalCode: String?
    var country: String?
}

/// A profile on a social network.
struct SocialProfileValue: Codable, Equatable, Sendable {
    var network: String
    var handle: String
}

/// What a salesperson learns about a contact over time (seed 003's "personal information").
struct PersonalProfileValue: Codable, Equatable, Sendable {
    var birthday: String?
    var family: String?
    var homeTown: String?
    var school: String?
    var sports: String?
    var hobbies: String?
    var ambitions: String?
    var notes: String?
}
