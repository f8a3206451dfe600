import Fluent
import SQLKit

/// Hands out order, invoice and case numbers without gaps between concurrent writers.
///
/// Reading `MAX(number)` and inserting made two writers take the same number (PostgreSQL) or deadlock on the
/// read-to-write lock upgrade (SQLite). Incrementing a counter row as the transaction's first statement takes the
/// write lock at once: PostgreSQL queues writers on the row, SQLite on its write lock.
enum DocumentNumbers {
    static let schema = "document_counters"

    /// Call first inside the transaction that stores the document, so a rollback gives the number back.
    static func next(for table: String, on db: any Database) async throws -> Int {
        let sql = db.sql
        let row = try await sql.raw("""
            UPDATE \(ident: schema) SET last_number = last_number + 1 WHERE name = \(bind: table) RETURNING last_number
            """).first()
        guard let number = try row?.decode(column: "last_number", as: Int.self) else {
            throw DocumentNumbersMissing(table: table)
        }
        return number
    }

    struct DocumentNumbersMissing: Error, CustomStringConvertible {
        let table: String
        var description: String { "no document counter for \(table); run the migrations" }
    }
}
