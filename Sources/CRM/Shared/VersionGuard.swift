import Fluent
import SQLKit
import Vapor

/// Optimistic locking: raises the version only if it is still the one the client read.
/// The conditional UPDATE takes the row's write lock, so of two concurrent edits exactly one wins.
enum VersionGuard {
    static func claim(table: String, id: UUID, expected: Int, on db: any Database) async throws {
        let sql = db.sql
        let rows = try await sql.update(table)
            .set("version", to: SQLBinaryExpression(left: SQLColumn("version"), op: SQLBinaryOperator.add, right: SQLLiteral.numeric("1")))
            .where("id", .equal, id)
            .where("version", .equal, expected)
            .returning("version")
            .all()
        guard rows.count == 1 else { throw stale(expected) }
    }

    /// The same answer before any work, when the version read is already known to be old.
    static func check(expected: Int, current: Int) throws {
        guard expected == current else { throw stale(expected) }
    }

    private static func stale(_ expected: Int) -> APIError {
        APIError.conflict("Someone else changed this record after you opened it. Reload it, then apply your change again.",
                          fields: ["version": "is \(expected), which is no longer current"])
    }
}
