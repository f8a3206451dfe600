import Fluent
import SQLKit
import Vapor

/// The open deals of a few accounts, for the account card and the caller screen: one query for all of them.
enum OpenDeals {
    struct Deal: Content, Equatable {
        let id: UUID
        let accountId: UUID
        let name: String
        let stage: String
        let amountMinor: Int64
        let currency: String
        let probability: Int
        let expectedClose: String
        let nextStep: String?
        let owner: String
    }

    /// Open deals by account, soonest expected close first; at most `limit` per account.
    static func of(_ accountIDs: [UUID], limit: Int = 10, on db: any Database) async throws -> [UUID: [Deal]] {
        guard !accountIDs.isEmpty else { return [:] }
        let rows = try await db.sql.raw("""
            SELECT o.id, o.account_id, o.name, s.name AS stage, o.amount_minor, o.currency, o.probability, o.expected_close,
                   o.next_step, u.name AS owner
            FROM opportunities o JOIN pipeline_stages s ON s.id = o.stage_id JOIN users u ON u.id = o.owner_id
            WHERE o.account_id IN (\(binds: accountIDs)) AND o.outcome = 'open'
            ORDER BY o.expected_close, o.name
            """).all()
        var deals: [UUID: [Deal]] = [:]
        for row in rows {
            let accountID = try row.decode(column: "account_id", as: UUID.self)
            guard deals[accountID, default: []].count < limit else { continue }
            deals[accountID, default: []].append(Deal(
                id: try row.decode(column: "id", as: UUID.self), accountId: accountID, name: try row.decode(column: "name", as: String.self),
                stage: try row.decode(column: "stage", as: String.self), amountMinor: try row.decode(column: "amount_minor", as: Int64.self),
                currency: try row.decode(column: "currency", as: String.self), probability: try row.decode(column: "probability", as: Int.self),
                expectedClose: try row.decode(column: "expected_close", as: String.self),
                nextStep: try row.decode(column: "next_step", as: String?.self), owner: try row.decode(column: "owner", as: String.self)))
        }
        return deals
    }
}
