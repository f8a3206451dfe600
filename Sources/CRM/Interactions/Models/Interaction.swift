import CRMCore
import Fluent
import Foundation

/// One contact with a customer: a call, email, meeting, note, social message, fax or price quote.
final class Interaction: Model, @unchecked Sendable {
    static let schema = "interactions"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "direction") var direction: String?
    @Field(key: "occurred_at") var occurredAt: Date
    /// Who on our side; nil for mail from outside that names none of our users.
    @OptionalParent(key: "user_id") var user: User?
    @OptionalField(key: "account_id") var accountID: UUID?
    /// Phone, in person, LinkedIn, WhatsApp…: how, where the kind alone does not say.
    @OptionalField(key: "channel") var channel: String?
    @OptionalField(key: "subject") var subject: String?
    @OptionalField(key: "body") var body: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "sentiment") var sentiment: String?
    @OptionalField(key: "duration_seconds") var durationSeconds: Int?
    /// A follow-up is needed when set (YYYY-MM-DD).
    @OptionalField(key: "follow_up_on") var followUpOn: String?
    @OptionalField(key: "opportunity_id") var opportunityID: UUID?
    @OptionalField(key: "order_id") var orderID: UUID?
    // Price quotes.
    @OptionalField(key: "currency") var currency: String?
    @OptionalField(key: "valid_until") var validUntil: String?
    @OptionalField(key: "terms") var terms: String?
    /// Why this quote differs from a still-valid earlier one.
    @OptionalField(key: "deviation_reason") var deviationReason: String?
    /// Why the contact-frequency cap was passed.
    @OptionalField(key: "cap_reason") var capReason: String?
    // Email.
    @OptionalField(key: "message_id") var messageID: String?
    /// The Message-ID of the first message of the thread.
    @OptionalField(key: "thread_id") var threadID: String?
    @OptionalField(key: "from_address") var fromAddress: String?
    @Field(key: "recipients") var recipients: [String]
    @Field(key: "attachments") var attachments: [MailAttachment]
    /// Mail no contact matched yet, waiting in the unmatched inbox.
    @Field(key: "is_unmatched") var isUnmatched: Bool
    @OptionalParent(key: "created_by_id") var createdBy: User?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int
    @Children(for: \.$interaction) var contacts: [InteractionContact]
    @Children(for: \.$interaction) var lines: [QuoteLine]

    init() {}
}

/// A contact an interaction involves. Kind, direction and time are copied here so a contact's timeline and the
/// cap's count read one index.
final class InteractionContact: Model, @unchecked Sendable {
    static let schema = "interaction_contacts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "interaction_id") var interaction: Interaction
    @Field(key: "contact_id") var contactID: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "direction") var direction: String?
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    init(interaction: Interaction, contactID: UUID) throws {
        $interaction.id = try interaction.requireID()
        self.contactID = contactID
        kind = interaction.kind
        direction = interaction.direction
        occurredAt = interaction.occurredAt
    }
}

/// The text of an interaction before an edit, so what was said first is never lost.
final class InteractionEdit: Model, @unchecked Sendable {
    static let schema = "interaction_edits"

    @ID(key: .id) var id: UUID?
    @Parent(key: "interaction_id") var interaction: Interaction
    @OptionalParent(key: "edited_by_id") var editedBy: User?
    @Field(key: "edited_at") var editedAt: Date
    @Field(key: "previous") var previous: EditedText

    init() {}
}

struct EditedText: Codable, Equatable, Sendable {
    var subject: String?
    var body: String?
    var outcome: String?
    var sentiment: String?
    var followUpOn: String?
}

/// One line of a price quote, with the account and time copied so the last quoted price is one index read.
final class QuoteLine: Model, @unchecked Sendable {
    static let schema = "quote_lines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "interaction_id") var interaction: Interaction
    @OptionalField(key: "account_id") var accountID: UUID?
    @Field(key: "position") var position: Int
    @OptionalField(key: "product_id") var productID: UUID?
    @Field(key: "item_key") var itemKey: String
    @Field(key: "description") var description: String
    @Field(key: "quantity") var quantity: Int
    @Field(key: "unit_price_minor") var unitPriceMinor: Int64
    @Field(key: "discount_basis_points") var discountBasisPoints: Int
    @Field(key: "net_unit_minor") var netUnitMinor: Int64
    @Field(key: "currency") var currency: String
    @OptionalField(key: "valid_until") var validUntil: String?
    @Field(key: "quoted_at") var quotedAt: Date
    @OptionalParent(key: "quoted_by_id") var quotedBy: User?

    init() {}
}
