import Fluent
import Vapor

/// What Customers brings to the others: each record's changes (created, owner, moved, archived) on its timeline.
extension CustomersArea {
    static func contribute(to contributions: inout Contributions) {
        contributions.timelineSources.append(.init(type: "change", label: "Change", page: nil, table: CustomerEvent.schema, timeColumn: "occurred_at") { subject, page, db in
            let query = CustomerEvent.query(on: db).filter(\.$subjectType == subject.type).filter(\.$subjectID == subject.id).with(\.$actor)
            if let user = page.userID { query.filter(\.$actor.$id == user) }
            return try await page.page(query, timeColumn: "occurred_at").all().map {
                TimelineEntry(id: $0.id!, type: "change", occurredAt: $0.occurredAt, title: $0.summary, summary: nil, direction: nil, user: UserRef($0.actor))
            }
        })
    }
}
