import CRMCore
import Fluent
import SQLKit
import Vapor

/// Customers whose purchase rhythm says they should order soon or should have ordered already: the cycle the
/// account card shows (`PurchaseCycle`), for the accounts one person owns.
enum ReorderDue {
    struct Due: Sendable {
        let id: UUID
        let name: String
        let cycle: PurchaseCycle
        let lastOrder: CalendarDate
    }

    /// Due within `withinDays` of `today` or overdue, most overdue first.
    static func accounts(ownedBy userID: UUID, today: CalendarDate, withinDays: Int = 7, limit: Int = 10, on db: any Database) async throws -> [Due] {
        let owned = try await CustomerDirectory(db: db).accountIDs(ownedBy: userID)
        var due: [(id: UUID, cycle: PurchaseCycle, last: CalendarDate)] = []
        for chunk in owned.chunked(500) {
            let rows = try await db.sql.raw("""
                SELECT account_id, COUNT(*) AS orders, MIN(order_date) AS first, MAX(order_date) AS last FROM orders
                WHERE counts = \(bind: true) AND account_id IN (\(binds: Array(chunk))) GROUP BY account_id
                """).all()
            for row in rows {
                guard let first = CalendarDate(try row.decode(column: "first", as: String.self)),
                      let last = CalendarDate(try row.decode(column: "last", as: String.self)),
                      let cycle = PurchaseCycle(orders: try row.decode(column: "orders", as: Int.self), first: first, last: last),
                      cycle.averageDays > 0, cycle.expectedNext <= today.adding(days: withinDays) else { continue }
                due.append((try row.decode(column: "account_id", as: UUID.self), cycle, last))
            }
        }
        let shown = due.sorted { $0.cycle.expectedNext < $1.cycle.expectedNext }.prefix(limit)
        let names = try await CustomerDirectory(db: db).names(accounts: shown.map(\.id))
        return shown.map { Due(id: $0.id, name: names.accounts[$0.id] ?? "", cycle: $0.cycle, lastOrder: $0.last) }
    }

    /// The *my day* section: who is due to reorder, with the evidence.
    static func section(_ accounts: [Due], today: CalendarDate) -> Node {
        Node.section(.class("card"), .aria("label", "Due to reorder")) {
            Node.h2 { "Customers due to reorder" }
            if accounts.isEmpty { Node.p(.class("muted")) { "None of your customers is due to order this week." } }
            Node.ul(.class("results")) {
                for account in accounts {
                    Node.li {
                        Node.a(.href(Site.account(account.id))) { .text(account.name) }
                        Node.div(.class("muted")) {
                            let late = account.cycle.expectedNext.days(until: today)
                            Node.text("Orders every ~\(account.cycle.averageDays) days; last on \(account.lastOrder); ")
                            Node.text(late > 0 ? "\(late) days late" : late == 0 ? "due today" : "due \(account.cycle.expectedNext)")
                        }
                    }
                }
            }
        }
    }
}
