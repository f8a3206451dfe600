import CRMCore
import Foundation
import Vapor

/// A task as it is written: the due day and time are read in the assignee's time zone.
struct TaskInput: StrictInput {
    var title: String?
    var notes: String?
    /// `todo`, `call`, `visit`, `email`; default `todo`.
    var kind: String?
    /// `high`, `normal`, `low`; default `normal`.
    var priority: String?
    /// `YYYY-MM-DD`.
    var dueOn: String?
    /// `HH:MM`; absent for all day.
    var dueTime: String?
    /// Default: the person writing it.
    var assigneeId: UUID?
    var accountId: UUID?
    var contactId: UUID?
    var dealId: UUID?
    var orderId: UUID?

    static let schema = JSONSchema.object([
        ("title", .string()), ("notes", .nullable(.string())), ("kind", .string(enumeration: TaskKind.allCases.map(\.rawValue))),
        ("priority", .string(enumeration: TaskPriority.allCases.map(\.rawValue))), ("dueOn", .string(format: "date")),
        ("dueTime", .nullable(.string(description: "HH:MM in the assignee's time zone; absent for all day"))), ("assigneeId", .uuid),
        ("accountId", .nullable(.uuid)), ("contactId", .nullable(.uuid)), ("dealId", .nullable(.uuid)), ("orderId", .nullable(.uuid)),
    ], required: ["title", "dueOn"])
}

/// Marking a task done: what came of it; for a call or visit that reached the contact-frequency cap, why one more.
struct TaskCompletion: StrictInput {
    var outcome: String?
    var capReason: String?

    static let schema = JSONSchema.object([("outcome", .string()), ("capReason", .string())])
}
