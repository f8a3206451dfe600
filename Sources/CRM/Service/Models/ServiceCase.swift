import Fluent
import Foundation

/// A customer's matter for the service desk: a complaint, question, service request, suggestion or praise, with
/// the department and person handling it and its two SLA clocks (first response and resolution) in working time.
final class ServiceCase: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    /// Shown as `C-1042` and carried in the subject of every email about the case.
    @Field(key: "number") var number: Int
    /// `CaseKind`.
    @Field(key: "kind") var kind: String
    /// `CaseStatus`.
    @Field(key: "status") var status: String
    /// `CasePriority`.
    @Field(key: "priority") var priority: String
    /// `CaseChannel`.
    @Field(key: "channel") var channel: String
    @Field(key: "subject") var subject: String
    /// What the customer said. (Not `description`: that is every model's debug text.)
    @OptionalField(key: "description") var details: String?
    @OptionalField(key: "account_id") var accountID: UUID?
    @OptionalField(key: "contact_id") var contactID: UUID?
    @OptionalField(key: "product_id") var productID: UUID?
    @OptionalField(key: "order_id") var orderID: UUID?
    @Parent(key: "department_id") var department: Department
    /// Nobody yet: the case waits in its department's queue.
    @OptionalParent(key: "assignee_id") var assignee: User?
    /// The customer's tier when the targets were chosen.
    @OptionalField(key: "tier") var tier: String?
    @Field(key: "first_response_target") var firstResponseTarget: Int
    @Field(key: "first_response_used") var firstResponseUsed: Int
    @OptionalField(key: "first_response_since") var firstResponseSince: Date?
    @OptionalField(key: "first_response_met_at") var firstResponseMetAt: Date?
    @OptionalField(key: "first_response_due_at") var firstResponseDueAt: Date?
    @Field(key: "resolution_target") var resolutionTarget: Int
    @Field(key: "resolution_used") var resolutionUsed: Int
    @OptionalField(key: "resolution_since") var resolutionSince: Date?
    @OptionalField(key: "resolution_met_at") var resolutionMetAt: Date?
    @OptionalField(key: "resolution_due_at") var resolutionDueAt: Date?
    /// New, open or waiting: someone's work.
    @Field(key: "active") var active: Bool
    /// The queue's order: the earlier deadline of the running clocks, or `noDeadline` (waiting, met).
    @Field(key: "queue_at") var queueAt: Date
    /// When the SLA watch next has something to say about this case (a risk or breach not yet notified).
    @OptionalField(key: "alert_at") var alertAt: Date?
    /// The Message-ID of the mail that opened the case, so replies thread under it.
    @OptionalField(key: "message_id") var messageID: String?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Field(key: "reopened") var reopened: Int
    /// Nobody for a case opened by mail.
    @OptionalParent(key: "created_by_id") var createdBy: User?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "version") var version: Int

    init() {}

    /// Sorts after every real deadline.
    static let noDeadline = Date(timeIntervalSince1970: 32_503_680_000)
}

/// One entry of a case's timeline: a reply, an internal note, a status or assignment change, an SLA warning.
final class CaseEvent: Model, @unchecked Sendable {
    static let schema = "case_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var serviceCase: ServiceCase
    /// `CaseEventKind`.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "body") var body: String?
    @OptionalField(key: "from_value") var fromValue: String?
    @OptionalField(key: "to_value") var toValue: String?
    /// `first_response:risk`, `resolution:breach` …: unique per case, so each warning is recorded and sent once.
    @OptionalField(key: "sla_mark") var slaMark: String?
    /// The interaction a reply or incoming email logged on the customer's timeline.
    @OptionalField(key: "interaction_id") var interactionID: UUID?
    @OptionalParent(key: "actor_id") var actor: User?
    @Field(key: "at") var at: Date

    init() {}
}
