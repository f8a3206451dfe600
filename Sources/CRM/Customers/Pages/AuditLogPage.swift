import CRMCore
import Fluent
import Vapor

/// The admin's view of the audit log: who erased which record, and when.
enum AuditLogPage {
    /// The latest entries, newest first, paged by keyset on time.
    @Sendable static func show(_ request: Request) async throws -> Response {
        let admin = try request.requireRole(\.canReadAuditLog)
        let paging = try PageRequest(from: request)
        let rows = try await Keyset.page(AuditEntry.query(on: request.db).with(\.$actor), by: "occurred_at", descending: true, paging: paging).all()
        let (shown, next) = (rows.prefix(paging.limit), Keyset.nextCursor(rows, paging: paging))
        return Layout.page("Audit log", PageContext(request)) {
            Node.h1 { "Audit log" }
            Node.p(.class("muted")) { "Erasures of personal data. The data itself is gone; this record of who erased what and when stays." }
            if shown.isEmpty { Node.p { "Nothing has been erased." } }
            Node.table(.class("list")) {
                Node.thead { Node.tr { Node.th { "When" }; Node.th { "Who" }; Node.th { "What" }; Node.th { "Record" } } }
                Node.tbody {
                    for entry in shown {
                        Node.tr {
                            Node.td { DateText.node(entry.occurredAt, timeZone: admin.timeZone) }
                            Node.td { .text(entry.actor?.name ?? "a former user") }
                            Node.td { .text(entry.summary) }
                            Node.td { Node.code { .text("\(entry.subjectType) \(entry.subjectID)") } }
                        }
                    }
                }
            }
            NextPageLink.node(Site.auditLog(), query: [:], nextCursor: next)
        }.response()
    }
}
