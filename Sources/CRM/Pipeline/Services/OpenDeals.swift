import Fluent
import SQLKit
import Vapor

/// An account's open deals, soonest expected close first, for the account card and the caller screen: one query.
enum OpenDeals {
    struct Deal: Content, Equatable {
        let id: UUID
        let name: String
        let stage: String
        let amountMinor: Int64
        let currency: String
        let probability: Int
        let expectedClose: String
        let nextStep: String?
        let owner: String
    }

    static func of(_ accountID: UUID, limit: Int = 10, on db: any Database) async throws -> [Deal] {
        try await db.sql.raw("""
            SELECT o.id, o.name, s.name AS stage, o.amount_minor, o.currency, o.probability, o.expected_close,
                   o.next_step, u.name AS owner
            FROM opportunities o JOIN pipeline_stages s ON s.id = o.stage_id JOIN users u ON u.id = o.owner_id
            WHERE o.account_id = \(bind: accountID) AND o.outcome = 'open'
            ORDER BY o.expected_close, o.name
            LIMIT \(bind: limit)
            """).all().map { row in
            Deal(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                 stage: try row.decode(column: "stage", as: String.self), amountMinor: try row.decode(column: "amount_minor", as: Int64.self),
                 currency: try row.decode(column: "currency", as: String.self), probability: try row.decode(column: "probability", as: Int.self),
                 expectedClose: try row.decode(column: "expected_close", as: String.self),
                 nextStep: try row.decode(column: "next_step", as: String?.self), owner: try row.decode(column: "owner", as: String.self))
        }
    }
}
