import CRMCore
import Foundation
import Vapor

/// A case as it is opened or changed. Department and assignee are chosen by the routing rules unless given.
struct CaseInput: StrictInput {
    var kind: String?
    var subject: String?
    var description: String?
    /// `urgent`, `high`, `normal`, `low`; default `normal`.
    var priority: String?
    /// `email`, `phone`, `web`, `visit`, `letter`; default `phone`.
    var channel: String?
    var accountId: UUID?
    var contactId: UUID?
    var productId: UUID?
    var orderId: UUID?
    var departmentId: UUID?
    var assigneeId: UUID?

    static let schema = JSONSchema.object([
        ("kind", .string(enumeration: CaseKind.allCases.map(\.rawValue))), ("subject", .string()), ("description", .nullable(.string())),
        ("priority", .string(enumeration: CasePriority.allCases.map(\.rawValue))), ("channel", .string(enumeration: CaseChannel.allCases.map(\.rawValue))),
        ("accountId", .nullable(.uuid)), ("contactId", .nullable(.uuid)), ("productId", .nullable(.uuid)), ("orderId", .nullable(.uuid)),
        ("departmentId", .nullable(.uuid)), ("assigneeId", .nullable(.uuid)),
    ], required: ["kind", "subject"])
}

/// An internal note on a case: it never leaves the CRM.
struct CaseMessageInput: StrictInput {
    var body: String?

    static let schema = JSONSchema.object([("body", .string())], required: ["body"])
}

/// A reply to the customer: by email through the outbox (the default), or said on the phone and recorded as a call.
struct CaseReplyInput: StrictInput {
    var body: String?
    /// `email` or `phone`.
    var via: String?

    static let schema = JSONSchema.object([("body", .string()), ("via", .string(enumeration: ["email", "phone"]))], required: ["body"])
}

/// Moving a case: to another status, or to another department or person.
struct CaseMoveInput: StrictInput {
    var status: String?
    /// Why (kept on the timeline); required to reopen.
    var reason: String?

    static let schema = JSONSchema.object([("status", .string(enumeration: CaseStatus.allCases.map(\.rawValue))), ("reason", .string())], required: ["status"])
}

/// Reclassifying a case: its kind, or its priority (which chooses its SLA targets again, keeping the time used).
struct CaseClassifyInput: StrictInput {
    var kind: String?
    var priority: String?

    static let schema = JSONSchema.object([
        ("kind", .string(enumeration: CaseKind.allCases.map(\.rawValue))), ("priority", .string(enumeration: CasePriority.allCases.map(\.rawValue))),
    ])
}

struct CaseAssignInput: StrictInput {
    var departmentId: UUID?
    /// Absent or null: the department's queue.
    var assigneeId: UUID?

    static let schema = JSONSchema.object([("departmentId", .uuid), ("assigneeId", .nullable(.uuid))])
}
