import Fluent
import Foundation

/// A change worth seeing on a customer's timeline: created, owner changed, moved to another account,
/// archived, restored. Interactions join these on the timeline later.
final class CustomerEvent: Model, @unchecked Sendable {
    static let schema = "customer_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "summary") var summary: String
    @OptionalParent(key: "actor_id") var actor: User?
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    init(subjectType: String, subjectID: UUID, kind: String, summary: String, actorID: UUID?, occurredAt: Date) {
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.kind = kind
        self.summary = summary
        self.$actor.id = actorID
        self.occurredAt = occurredAt
    }
}

/// Who did what to personal data, kept when the data itself is erased (data-protection requests).
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "actor_id") var actor: User?
    @Field(key: "action") var action: String
    @Field(key: "subject_type") var subjectType: String
    @Field(key: "subject_id") var subjectID: UUID
    /// What was affected, without the personal data itself.
    @Field(key: "summary") var summary: String
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    init(actorID: UUID?, action: String, subjectType: String, subjectID: UUID, summary: String, occurredAt: Date) {
        self.$actor.id = actorID
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.summary = summary
        self.occurredAt = occurredAt
    }
}
