import CRMCore
import Fluent
import SQLKit

/// Warns, without refusing, when an order takes an account past its credit limit: what it owes in the base
/// currency plus this order.
enum CreditCheck {
    static func warnings(for order: Order, base: String, on db: any Database) async throws -> [String] {
        guard order.counts, let account = try await CustomerDirectory(db: db).account(order.accountID), let limit = account.creditLimitMinor else { return [] }
        let sql = db.sql
        let owed = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(amount_minor - paid_minor), 0) AS BIGINT) AS owed FROM invoices
            WHERE account_id = \(bind: order.accountID) AND currency = \(bind: base)
            """).first()?.decode(column: "owed", as: Int64.self) ?? 0
        guard owed + order.baseRevenueMinor > limit else { return [] }
        func money(_ minor: Int64) -> String { "\(MinorUnits.display(minor, currency: base))" }
        return ["\(account.name) owes \(money(owed)); with this order of \(money(order.baseRevenueMinor)) that is over its credit limit of \(money(limit))."]
    }
}
