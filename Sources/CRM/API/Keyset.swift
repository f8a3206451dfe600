import CRMCore
import Fluent
import SQLKit
import Vapor

/// The one way lists page: ordered by one column with the id as tie-break, the next page holding the rows after the
/// last one shown, `(column, id) > (its column, its id)`, which an index on `(…, column, id)` answers however deep the page.
/// The cursor names only that row (and, when a page merges several tables, which table it came from); the database
/// compares with the row's own stored values, so no time or name has to survive a round trip through text.
enum Keyset {
    /// Orders `query`, keeps the rows after the cursor's row, and asks for one row more than the page to know whether
    /// another follows. `idColumn` names the id the order breaks ties on, in the query's own table; `merged` names the
    /// tables a cursor may point into, with their sort column, when the page merges rows of several.
    @discardableResult
    static func page<M: Model>(_ query: QueryBuilder<M>, by column: String, descending: Bool = false, idColumn: String = "id",
                               merged: [String: String] = [:], paging: PageRequest) throws -> QueryBuilder<M> {
        let direction: DatabaseQuery.Sort.Direction = descending ? .descending : .ascending
        if let after = paging.after {
            guard let afterID = UUID(uuidString: after.id), after.key.isEmpty || merged[after.key] != nil else {
                throw APIError.badRequest("The cursor is not valid.", fields: ["cursor": "is not a cursor this server handed out"])
            }
            let table = M.schemaOrAlias
            let (source, sourceColumn) = after.key.isEmpty ? (table, column) : (after.key, merged[after.key] ?? column)
            let comparison: SQLQueryString = descending ? "<" : ">"
            query.filter(.sql(embed: """
                (\(ident: table).\(ident: column), \(ident: table).\(ident: idColumn)) \(comparison) \
                (SELECT \(ident: sourceColumn), \(ident: "id") FROM \(ident: source) WHERE \(ident: "id") = \(bind: afterID))
                """))
        }
        return query.sort(.path([.string(column)], schema: M.schemaOrAlias), direction)
            .sort(.path([.string(idColumn)], schema: M.schemaOrAlias), direction)
            .limit(paging.limit + 1)
    }

    /// The ids `query` selects, in its order, without building a model for each row (models cost far more than the rows).
    static func ids<M: Model>(_ query: QueryBuilder<M>) async throws -> [UUID] where M.IDValue == UUID {
        try await query.field(\M._$id).decodedRows { try $0.schema(M.schemaOrAlias).decode(.id, as: UUID.self) }
    }

    /// The cursor of the page after the ids of `ids`, fetched by `page` (one more than shown), or nil on the last page.
    static func nextCursor(_ ids: [UUID], paging: PageRequest) -> String? {
        ids.count > paging.limit ? cursor(after: ids[paging.limit - 1]).encoded : nil
    }

    /// The cursor after `id`; `table` names the row's table when a page merges several.
    static func cursor(after id: UUID?, table: String = "") -> PageCursor {
        PageCursor(key: table, id: id?.uuidString ?? "")
    }

    /// The cursor of the page after `rows` (fetched by `page`, one row more than shown), or nil on the last page.
    static func nextCursor<M: Model>(_ rows: [M], paging: PageRequest) -> String? where M.IDValue == UUID {
        rows.count > paging.limit ? cursor(after: rows[paging.limit - 1].id).encoded : nil
    }

    /// The page of `rows` fetched by `page`, its cursor naming the last row shown.
    static func listPage<M: Model, Item>(_ rows: [M], paging: PageRequest, item: (M) throws -> Item) rethrows -> ListPage<Item> where M.IDValue == UUID {
        try ListPage(rows: rows, limit: paging.limit, cursor: { cursor(after: $0.id) }, item: item)
    }
}
