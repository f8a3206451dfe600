import CRMCore
import Fluent
import SQLKit
import Vapor

/// What sales and service need to know about one account's business: tier, open orders and where they are,
/// what it owes and how it pays, and how often it buys what. Every figure is aggregated by the database.
struct AccountSales: Content, Equatable {
    struct OpenOrder: Content, Equatable {
        let id: UUID
        let number: Int
        let orderDate: String
        let status: String
        let statusLabel: String
        let statusChangedAt: Date
        let totalMinor: Int64
        let currency: String
    }

    struct Balance: Content, Equatable {
        let currency: String
        let invoices: Int
        let outstandingMinor: Int64
        let overdueMinor: Int64
        let paidLate: Int
        /// Over the invoices paid after their due date.
        let averageDaysLate: Int?
    }

    struct ProductBought: Content, Equatable {
        let productId: UUID?
        let name: String
        let quantity: Int64
        let lastMonth: String
    }

    let tier: String?
    let tierProfitMinor: Int64?
    /// In the base currency.
    let creditLimitMinor: Int64?
    let openOrders: [OpenOrder]
    let balances: [Balance]
    /// The buying rhythm: absent on the brief summary the caller screen uses.
    let orders: Int?
    let lastOrderDate: String?
    let averageDaysBetweenOrders: Int?
    let expectedNextOrder: String?
    let productsBought: [ProductBought]?

    /// `brief` leaves out the buying rhythm (two more queries), for the caller screen that must answer at once.
    static func load(accountID: UUID, today: CalendarDate, brief: Bool = false, on db: any Database) async throws -> AccountSales {
        let sql = db.sql
        let account = try await sql.raw("""
            SELECT a.credit_limit_minor, t.tier, t.profit_minor FROM accounts a LEFT JOIN account_tiers t ON t.account_id = a.id
            WHERE a.id = \(bind: accountID)
            """).first()
        let tier = try account?.decode(column: "tier", as: String?.self)
        let tierProfit = try account?.decode(column: "profit_minor", as: Int64?.self)
        let creditLimit = try account?.decode(column: "credit_limit_minor", as: Int64?.self)
        let open = try await Order.query(on: db).filter(\.$accountID == accountID)
            .filter(\.$status ~~ OrderStatus.allCases.filter(\.isOpen).map(\.rawValue))
            .sort(\.$orderDate, .descending).limit(20).all()
        let daysLate: SQLQueryString = sql.dialect.name == "postgresql"
            ? "(CAST(paid_on AS DATE) - CAST(due_date AS DATE))" : "CAST(julianday(paid_on) - julianday(due_date) AS INTEGER)"
        let balances = try await sql.raw("""
            SELECT currency, COUNT(CASE WHEN amount_minor > 0 THEN 1 END) AS invoices,
                   CAST(SUM(amount_minor - paid_minor) AS BIGINT) AS outstanding,
                   CAST(SUM(CASE WHEN amount_minor > paid_minor AND due_date < \(bind: today.description) THEN amount_minor - paid_minor ELSE 0 END) AS BIGINT) AS overdue,
                   COUNT(CASE WHEN amount_minor > 0 AND paid_on > due_date THEN 1 END) AS paid_late,
                   CAST(ROUND(AVG(CASE WHEN amount_minor > 0 AND paid_on > due_date THEN \(daysLate) END)) AS INTEGER) AS average_late
            FROM invoices WHERE account_id = \(bind: accountID) GROUP BY currency ORDER BY currency
            """).all().map { row in
                Balance(currency: try row.decode(column: "currency", as: String.self), invoices: try row.decode(column: "invoices", as: Int.self),
                        outstandingMinor: try row.decode(column: "outstanding", as: Int64.self), overdueMinor: try row.decode(column: "overdue", as: Int64.self),
                        paidLate: try row.decode(column: "paid_late", as: Int.self), averageDaysLate: try row.decode(column: "average_late", as: Int?.self))
            }
        let openOrders = try open.map { order in
            OpenOrder(id: try order.requireID(), number: order.number, orderDate: order.orderDate, status: order.status,
                      statusLabel: OrderStatus(rawValue: order.status)?.label ?? order.status, statusChangedAt: order.statusChangedAt,
                      totalMinor: order.revenueMinor, currency: order.currency)
        }
        if brief {
            return AccountSales(tier: tier, tierProfitMinor: tierProfit, creditLimitMinor: creditLimit, openOrders: openOrders, balances: balances,
                                orders: nil, lastOrderDate: nil, averageDaysBetweenOrders: nil, expectedNextOrder: nil, productsBought: nil)
        }
        let history = try await sql.raw("""
            SELECT COUNT(*) AS orders, MIN(order_date) AS first, MAX(order_date) AS last FROM orders
            WHERE account_id = \(bind: accountID) AND counts = \(bind: true)
            """).first()
        let orders = try history?.decode(column: "orders", as: Int.self) ?? 0
        let first = try history?.decode(column: "first", as: String?.self).flatMap(CalendarDate.init)
        let last = try history?.decode(column: "last", as: String?.self).flatMap(CalendarDate.init)
        let cycle = first.flatMap { first in last.flatMap { PurchaseCycle(orders: orders, first: first, last: $0) } }
        let products = try await sql.raw("""
            SELECT l.product_id, COALESCE(MAX(p.name), MAX(l.description)) AS name, CAST(SUM(l.quantity) AS BIGINT) AS quantity,
                   MAX(l.order_month) AS last_month
            FROM order_lines l LEFT JOIN products p ON p.id = l.product_id
            WHERE l.account_id = \(bind: accountID) AND l.counts = \(bind: true)
            GROUP BY l.product_id ORDER BY SUM(l.quantity) DESC LIMIT 10
            """).all().map { row in
                ProductBought(productId: try row.decode(column: "product_id", as: UUID?.self), name: try row.decode(column: "name", as: String.self),
                              quantity: try row.decode(column: "quantity", as: Int64.self), lastMonth: try row.decode(column: "last_month", as: String.self))
            }
        return AccountSales(
            tier: tier, tierProfitMinor: tierProfit, creditLimitMinor: creditLimit, openOrders: openOrders, balances: balances, orders: orders, lastOrderDate: last?.description, averageDaysBetweenOrders: cycle?.averageDays,
            expectedNextOrder: cycle?.expectedNext.description, productsBought: products)
    }

    static let schema = JSONSchema.object([
        ("tier", .nullable(.string(enumeration: ProfitTiers.Tier.allCases.map(\.rawValue)))), ("tierProfitMinor", .nullable(.integer())),
        ("creditLimitMinor", .nullable(.integer(description: "In the base currency"))),
        ("openOrders", .array(.object([("id", .uuid), ("number", .integer()), ("orderDate", .string(format: "date")), ("status", .string()),
                                       ("statusLabel", .string()), ("statusChangedAt", .dateTime), ("totalMinor", .integer()), ("currency", .string())]))),
        ("balances", .array(.object([("currency", .string()), ("invoices", .integer()), ("outstandingMinor", .integer()), ("overdueMinor", .integer()),
                                     ("paidLate", .integer()), ("averageDaysLate", .nullable(.integer()))]))),
        ("orders", .nullable(.integer(description: "Absent on the caller screen's brief summary"))), ("lastOrderDate", .nullable(.string(format: "date"))),
        ("averageDaysBetweenOrders", .nullable(.integer())), ("expectedNextOrder", .nullable(.string(format: "date"))),
        ("productsBought", .nullable(.array(.object([("productId", .nullable(.uuid)), ("name", .string()), ("quantity", .integer()), ("lastMonth", .string())])))),
    ], required: ["openOrders", "balances"])
}
