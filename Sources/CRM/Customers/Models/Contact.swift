import Fluent
import Foundation

/// A person at a customer (or a private customer). Interactions link to the contact, so when the
/// contact moves to another account their history moves with them.
final class Contact: Model, @unchecked Sendable {
    static let schema = "contacts"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "account_id") var account: Account?
    @OptionalField(key: "given_name") var givenName: String?
    @OptionalField(key: "family_name") var familyName: String?
    /// What the CRM shows; defaults to given and family name.
    @Field(key: "display_name") var displayName: String
    @OptionalField(key: "title") var title: String?
    @OptionalField(key: "department") var department: String?
    @OptionalField(key: "preferred_channel") var preferredChannel: String?
    @OptionalField(key: "buying_role") var buyingRole: String?
    @Field(key: "profile") var profile: PersonalProfileValue
    @Field(key: "social_profiles") var socialProfiles: [SocialProfileValue]
    @OptionalField(key: "language") var language: String?
    @Field(key: "may_email") var mayEmail: Bool
    @Field(key: "may_call") var mayCall: Bool
    @Field(key: "may_market") var mayMarket: Bool
    @Parent(key: "owner_id") var owner: User
    @Field(key: "tags") var tags: [String]
    @OptionalParent(key: "created_by_id") var createdBy: User?
    @OptionalParent(key: "updated_by_id") var updatedBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}
