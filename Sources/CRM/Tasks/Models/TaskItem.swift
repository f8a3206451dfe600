import Fluent
import Foundation

/// Something a person is to do by a time: call a customer back, visit them, send a document. Named `TaskItem`
/// because Swift's `Task` is the language's own.
final class TaskItem: Model, @unchecked Sendable {
    static let schema = "tasks"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @OptionalField(key: "notes") var notes: String?
    /// `TaskKind`.
    @Field(key: "kind") var kind: String
    /// `TaskPriority`.
    @Field(key: "priority") var priority: String
    /// `TaskStatus`.
    @Field(key: "status") var status: String
    /// The day in the assignee's time zone, `YYYY-MM-DD`.
    @Field(key: "due_on") var dueOn: String
    /// `HH:MM` in the assignee's time zone; nil for all day.
    @OptionalField(key: "due_time") var dueTime: String?
    /// The instant `due_on` and `due_time` stand for (UTC), for ordering and reminders.
    @Field(key: "due_at") var dueAt: Date
    @Parent(key: "assignee_id") var assignee: User
    @OptionalField(key: "account_id") var accountID: UUID?
    @OptionalField(key: "contact_id") var contactID: UUID?
    @OptionalField(key: "deal_id") var dealID: UUID?
    @OptionalField(key: "order_id") var orderID: UUID?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "done_at") var doneAt: Date?
    @OptionalParent(key: "done_by_id") var doneBy: User?
    /// The interaction completing a call or visit recorded.
    @OptionalField(key: "interaction_id") var interactionID: UUID?
    /// The interaction whose follow-up date made this task (at most one task each).
    @OptionalField(key: "source_interaction_id") var sourceInteractionID: UUID?
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    /// The programme keeping this task (`revisit:<plan id>`, `reorder`); at most one open per programme and account.
    @OptionalField(key: "programme") var programme: String?
    @Parent(key: "created_by_id") var createdBy: User
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "version") var version: Int

    init() {}
}
