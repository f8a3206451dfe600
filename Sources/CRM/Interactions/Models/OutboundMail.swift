import Fluent
import Foundation

/// An email the CRM hands to the mail program: kept until delivered, retried on failure, and shown when it fails,
/// so no message is silently lost.
final class OutboundMail: Model, @unchecked Sendable {
    static let schema = "outbound_mail"

    @ID(key: .id) var id: UUID?
    /// The logged interaction of mail to a customer; none for mail to a colleague.
    @OptionalParent(key: "interaction_id") var interaction: Interaction?
    /// The subject of mail to a colleague (customer mail shows its interaction's).
    @OptionalField(key: "subject") var subject: String?
    /// The colleague it is for, who sees it in their outbox.
    @OptionalField(key: "to_user_id") var toUserID: UUID?
    @Field(key: "recipients") var recipients: [String]
    /// The whole RFC 5322 message as sent.
    @Field(key: "message") var message: String
    /// `queued`, `sent` or `failed`.
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
