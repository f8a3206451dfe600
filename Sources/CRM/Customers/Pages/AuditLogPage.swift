import CRMCore
import Fluent
import Vapor

/// The admin's view of the audit log: who erased which record, and when.
enum AuditLogPage {
    /// The latest entries, newest first, paged by keyset on time.
    @Sendable static func show(_ request: Request) async throws -> Response {
        let admin = try request.requireRole(\.canReadAuditLog)
        let paging = try PageRequest(from: request)
        let query = AuditEntry.query(on: request.db).with(\.$actor)
        if let after = paging.after, let seconds = Double(after.key) {
            query.filter(\.$occurredAt < Date(timeIntervalSince1970: seconds))
        }
        let rows = try await query.sort(\.$occurredAt, .descending).limit(paging.limit + 1).all()
        let shown = rows.prefix(paging.limit)
        let next = rows.count > paging.limit ? shown.last.map { PageCursor(key: String($0.occurredAt.timeIntervalSince1970), id: "").encoded } : nil
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
            NextPageLink.node("/admin/audit", query: [:], nextCursor: next)
        }.response()
    }
}
