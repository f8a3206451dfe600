import CRMCore
import Fluent
import Foundation
import SQLKit

/// What Interactions tells the other areas about the contact history, so that none of them reads its tables: when
/// each account was last called or visited, for programmes that keep in touch.
struct InteractionDirectory {
    let db: any Database

    /// The latest interaction of `kind` with each account that has one, up to `now` (a meeting logged ahead is not
    /// a visit made): one statement per 500 accounts, each answered from the index on account, kind and time.
    func lastContacts(_ kind: InteractionKind, accounts: some Collection<UUID>, upTo now: Date) async throws -> [UUID: Date] {
        var found: [UUID: Date] = [:]
        for chunk in Array(Set(accounts)).chunked(500) {
            let rows = try await db.sql.raw("""
                SELECT account_id, MAX(occurred_at) AS at FROM interactions
                WHERE kind = \(bind: kind.rawValue) AND account_id IN (\(binds: Array(chunk))) AND occurred_at <= \(bind: now) GROUP BY account_id
                """).all()
            for row in rows { found[try row.decode(column: "account_id", as: UUID.self)] = try row.decode(column: "at", as: Date.self) }
        }
        return found
    }
}
