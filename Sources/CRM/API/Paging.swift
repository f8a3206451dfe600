import CRMCore
import Vapor

/// What a list endpoint is asked for: `?limit=…&cursor=…`.
struct PageRequest: Sendable {
    let limit: Int
    let after: PageCursor?

    init(limit: Int, after: PageCursor? = nil) {
        self.limit = limit
        self.after = after
    }

    init(from request: Request) throws {
        var fields: [String: String] = [:]
        var limit = PageLimit.default
        if let raw = request.query[String.self, at: "limit"] {
            if let value = Int(raw), (1...PageLimit.maximum).contains(value) {
                limit = value
            } else {
                fields["limit"] = "must be a whole number from 1 to \(PageLimit.maximum)"
            }
        }
        var after: PageCursor?
        if let raw = request.query[String.self, at: "cursor"], !raw.isEmpty {
            after = PageCursor(encoded: raw)
            if after == nil { fields["cursor"] = "is not a cursor this server handed out" }
        }
        guard fields.isEmpty else { throw APIError.badRequest("The paging parameters are not valid.", fields: fields) }
        self.limit = limit
        self.after = after
    }
}

/// One page of a list; `nextCursor` is absent on the last page.
struct ListPage<Item: Content>: Content {
    let items: [Item]
    let nextCursor: String?

    init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Builds a page from `limit + 1` fetched rows: the extra row only tells whether another page follows.
    init<Row>(rows: [Row], limit: Int, cursor: (Row) -> PageCursor, item: (Row) throws -> Item) rethrows {
        let shown = rows.prefix(limit)
        items = try shown.map(item)
        nextCursor = rows.count > limit ? shown.last.map { cursor($0).encoded } : nil
    }
}
