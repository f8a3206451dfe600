import Fluent
import Vapor

/// One entry on a customer's timeline, from whichever area recorded it.
struct TimelineEntry: Content, Equatable {
    let id: UUID
    /// An interaction kind, or the type a contributed source gives (`change`, `order`, `deal`).
    let type: String
    let occurredAt: Date
    let title: String
    let summary: String?
    let direction: String?
    let user: UserRef?
}

/// Entries an area adds to a customer's timeline: Customers the record's changes, Sales its orders, Pipeline its deals,
/// Service its cases. Each source reads newest first off an index, the page size as its limit, after the cursor's
/// entry (`Keyset`).
struct TimelineSource: Sendable {
    /// The entry type it gives, as the timeline's `type` filter names it.
    let type: String
    /// The tag its entries carry on the timeline.
    let label: String
    /// The page an entry opens, filled with the entry's id; nil when its entries have no page of their own.
    let page: PagePath?
    /// Its table and time column: a cursor names the table its last entry came from.
    let table: String
    let timeColumn: String
    let entries: @Sendable (_ subject: CustomerSubject, _ page: TimelineSourcePage, _ db: any Database) async throws -> [TimelineEntry]
}

/// What a timeline source is asked for: entries by one user (when filtered) and one page after the cursor.
struct TimelineSourcePage: Sendable {
    let userID: UUID?
    let paging: PageRequest
    /// Every source's table and time column, for `Keyset.page(…, merged:)`.
    let merged: [String: String]

    /// Orders `query` newest first by `timeColumn` and keeps one page after the cursor.
    func page<M: Model>(_ query: QueryBuilder<M>, timeColumn: String, idColumn: String = "id") throws -> QueryBuilder<M> {
        try Keyset.page(query, by: timeColumn, descending: true, idColumn: idColumn, merged: merged, paging: paging)
    }
}
