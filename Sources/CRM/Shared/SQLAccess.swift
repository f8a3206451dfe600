import Fluent
import NIOConcurrencyHelpers
import SQLKit

extension Database {
    /// The database as SQLKit sees it, for the statements Fluent's query builder does not express. Both drivers
    /// the CRM runs on (SQLite, PostgreSQL) are SQL databases, so this never fails.
    var sql: any SQLDatabase { self as! any SQLDatabase }
}

extension QueryBuilder {
    /// Runs the query and decodes each row with `decode`, without building a model per row: Fluent's models find their
    /// fields by reflection, which costs more than the row on a hot path.
    func decodedRows<Row: Sendable>(_ decode: @escaping @Sendable (any DatabaseOutput) throws -> Row) async throws -> [Row] {
        let rows = NIOLockedValueBox<[Result<Row, any Error>]>([])
        try await run { output in
            let row = Result { try decode(output) }
            rows.withLockedValue { $0.append(row) }
        }
        return try rows.withLockedValue { $0 }.map { try $0.get() }
    }
}
