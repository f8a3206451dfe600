import CRMCore
import Fluent
import Foundation

/// A contact-frequency rule: general when `contact` is nil, else that contact's own (replacing the general ones).
final class ContactCapRule: Model, @unchecked Sendable {
    static let schema = "contact_cap_rules"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "contact_id") var contactID: UUID?
    /// nil: every channel.
    @OptionalField(key: "channel") var channel: String?
    @Field(key: "max_contacts") var maxContacts: Int
    @Field(key: "days") var days: Int

    init() {}

    var rule: ContactCap.Rule {
        ContactCap.Rule(maxContacts: maxContacts, days: days, channel: channel.flatMap(InteractionKind.init))
    }
}
