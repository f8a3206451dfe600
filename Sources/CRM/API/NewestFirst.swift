import CRMCore
import Fluent
import Foundation
import SQLKit

/// Keyset paging newest first by a time column and the id: the next page holds the rows that sort after the last
/// row shown, `(time, id) < (last time, last id)`, which an index on `(…, time, id)` answers without counting.
struct NewestFirst: Sendable {
    let at: Date
    let id: UUID

    init(at: Date, id: UUID) {
        (self.at, self.id) = (at, id)
    }

    /// The position a cursor handed out by `cursor` names; nil for the first page.
    init?(_ cursor: PageCursor?) throws {
        guard let cursor else { return nil }
        guard let seconds = Double(cursor.key), let id = UUID(uuidString: cursor.id) else {
            throw APIError.badRequest("The cursor is not valid.", fields: ["cursor": "is not a cursor this server handed out"])
        }
        self.init(at: Date(timeIntervalSince1970: seconds), id: id)
    }

    static func cursor(at: Date, id: UUID) -> PageCursor {
        PageCursor(key: String(at.timeIntervalSince1970), id: id.uuidString)
    }

    /// Keeps the rows after this position; `time` and `id` are columns of the query's own table.
    func rowsAfter<M: Model>(_ query: QueryBuilder<M>, time: String, id: String = "id") {
        query.filter(.sql(embed: "(\(ident: M.schema).\(ident: time), \(ident: M.schema).\(ident: id)) < (\(bind: at), \(bind: self.id))"))
    }
}
