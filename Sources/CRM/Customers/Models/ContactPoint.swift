import Fluent
import Foundation

/// A phone number or email address of an account or a contact. `normalized` (E.164, or the
/// lower-cased address) is indexed, so caller lookup is one indexed query however the number was typed.
final class ContactPoint: Model, @unchecked Sendable {
    static let schema = "contact_points"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "account_id") var account: Account?
    @OptionalParent(key: "contact_id") var contact: Contact?
    /// `phone` or `email`.
    @Field(key: "kind") var kind: String
    /// work, mobile, home, fax, other.
    @Field(key: "label") var label: String
    /// As the user typed it.
    @Field(key: "value") var value: String
    @Field(key: "normalized") var normalized: String
    @Field(key: "position") var position: Int

    init() {}

    init(kind: String, label: String, value: String, normalized: String, position: Int) {
        self.kind = kind
        self.label = label
        self.value = value
        self.normalized = normalized
        self.position = position
    }
}
