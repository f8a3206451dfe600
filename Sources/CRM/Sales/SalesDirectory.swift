import CRMCore
import Fluent
import SQLKit
import Foundation

/// What Sales tells the other areas about its catalogue and books, so that none of them reads Sales' models:
/// products for quotes, exchange rates, and whether an order exists.
struct SalesDirectory {
    let db: any Database

    /// A product as a quote prices it.
    struct ProductFacts: Sendable {
        let id: UUID
        let sku: String
        let name: String
        let priceMinor: Int64
        let costMinor: Int64
        let currency: String
    }

    func products(_ ids: some Collection<UUID>) async throws -> [ProductFacts] {
        ids.isEmpty ? [] : try await Product.query(on: db).filter(\.$id ~~ Set(ids)).all().map(Self.facts)
    }

    /// The products on sale, by name, for pickers.
    func activeProducts(limit: Int = 500) async throws -> [ProductFacts] {
        try await Product.query(on: db).filter(\.$isActive == true).sort(\.$name).limit(limit).all().map(Self.facts)
    }

    /// Every recorded exchange rate, for converting figures of other areas (the forecast) into the base currency.
    func rateBook(base: String) async throws -> RateBook {
        RateBook(base: base, rates: try await ExchangeRate.query(on: db).all().map { .init(currency: $0.currency, validFrom: $0.validFrom, text: $0.rate) })
    }

    /// An account's current tier by profit (`A`, `B`, `C`), or nil before the first recomputation.
    func tier(ofAccount id: UUID) async throws -> String? {
        try await AccountTier.query(on: db).filter(\.$accountID == id).first()?.tier
    }

    /// The accounts currently in a tier, for programmes aimed at it.
    func accountIDs(inTier tier: String) async throws -> [UUID] {
        try await AccountTier.query(on: db).filter(\.$tier == tier).field(\.$accountID).all().map(\.accountID)
    }

    /// Each account's buying days (days with an order that counts), oldest first, for purchase rhythms: one statement
    /// over the orders, a row per account.
    func buyingDays() async throws -> [UUID: [CalendarDate]] {
        // One row per account with its days joined: decoding a row costs far more than splitting a string, and a large
        // ledger has millions of buying days.
        let rows = try await db.sql.raw("""
            SELECT account_id, \(daysList) AS days FROM orders WHERE counts = \(bind: true) GROUP BY account_id
            """).all()
        var days: [UUID: [CalendarDate]] = [:]
        for row in rows { days[try row.decode(column: "account_id", as: UUID.self)] = Self.days(try row.decode(column: "days", as: String.self)) }
        return days
    }

    /// The distinct order days of a group, comma-separated (SQLite's `group_concat` keeps no order: `days` sorts).
    private var daysList: SQLQueryString {
        db.sql.dialect.name == "postgresql" ? "string_agg(DISTINCT order_date, ',' ORDER BY order_date)" : "group_concat(DISTINCT order_date)"
    }

    private static func days(_ list: String) -> [CalendarDate] {
        list.split(separator: ",").compactMap { CalendarDate(String($0)) }.sorted()
    }

    /// The days each product was bought by each of some accounts: one statement per 500 accounts.
    func productBuyingDays(accounts: some Collection<UUID>) async throws -> [UUID: [UUID: [CalendarDate]]] {
        var found: [UUID: [UUID: [CalendarDate]]] = [:]
        for chunk in Array(Set(accounts)).chunked(500) {
            let rows = try await db.sql.raw("""
                SELECT l.account_id, l.product_id, \(daysList) AS days FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE l.counts = \(bind: true) AND l.product_id IS NOT NULL AND l.account_id IN (\(binds: Array(chunk)))
                GROUP BY l.account_id, l.product_id
                """).all()
            for row in rows {
                found[try row.decode(column: "account_id", as: UUID.self), default: [:]][try row.decode(column: "product_id", as: UUID.self)] =
                    Self.days(try row.decode(column: "days", as: String.self))
            }
        }
        return found
    }

    /// Each account's latest buying day, among some accounts: one statement per 500.
    func lastBuyingDays(accounts: some Collection<UUID>) async throws -> [UUID: CalendarDate] {
        var found: [UUID: CalendarDate] = [:]
        for chunk in Array(Set(accounts)).chunked(500) {
            let rows = try await db.sql.raw("""
                SELECT account_id, MAX(order_date) AS last FROM orders WHERE counts = \(bind: true) AND account_id IN (\(binds: Array(chunk))) GROUP BY account_id
                """).all()
            for row in rows {
                if let day = CalendarDate(try row.decode(column: "last", as: String.self)) { found[try row.decode(column: "account_id", as: UUID.self)] = day }
            }
        }
        return found
    }

    /// Orders as people name them (`#1042`) for a page of records: one query.
    func orderLabels(_ ids: some Collection<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var labels: [UUID: String] = [:]
        for order in try await Order.query(on: db).filter(\.$id ~~ Set(ids)).field(\.$id).field(\.$number).all() { labels[order.id!] = "#\(order.number)" }
        return labels
    }

    func orderExists(_ id: UUID) async throws -> Bool {
        try await Order.find(id, on: db) != nil
    }

    private static func facts(_ product: Product) -> ProductFacts {
        ProductFacts(id: product.id!, sku: product.sku, name: product.name, priceMinor: product.priceMinor, costMinor: product.costMinor, currency: product.currency)
    }
}
