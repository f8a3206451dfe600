import CRMCore
import Fluent
import Vapor

/// The last price quoted to an account for an item, so every colleague quotes the same.
enum QuotedPrices {
    struct LatestDTO: Content {
        let item: String
        let productId: UUID?
        let unitPriceMinor: Int64
        let discountBasisPoints: Int
        let netUnitMinor: Int64
        let currency: String
        let quantity: Int
        let validUntil: String?
        let stillValid: Bool
        let quotedAt: Date
        let quotedBy: UserRef?
        let interactionId: UUID

        init(_ line: QuoteLine, today: CalendarDate) {
            item = line.description
            productId = line.productID
            unitPriceMinor = line.unitPriceMinor
            discountBasisPoints = line.discountBasisPoints
            netUnitMinor = line.netUnitMinor
            currency = line.currency
            quantity = line.quantity
            validUntil = line.validUntil
            stillValid = line.validUntil.flatMap(CalendarDate.init).map { $0 >= today } ?? true
            quotedAt = line.quotedAt
            quotedBy = UserRef(line.quotedBy)
            interactionId = line.$interaction.id
        }

        static let schema = JSONSchema.object([
            ("item", .string()), ("productId", .nullable(.uuid)), ("unitPriceMinor", .integer()), ("discountBasisPoints", .integer()),
            ("netUnitMinor", .integer(description: "After the discount")), ("currency", .string()), ("quantity", .integer()),
            ("validUntil", .nullable(.string(format: "date"))), ("stillValid", .boolean), ("quotedAt", .dateTime),
            ("quotedBy", .nullable(.ref("UserRef"))), ("interactionId", .uuid),
        ], required: ["item", "unitPriceMinor", "netUnitMinor", "currency", "quotedAt", "interactionId"])
    }

    /// The newest line quoted before `before` for the account and item (one read of the `quote_lines_latest` index).
    static func latest(accountID: UUID, itemKey: String, before: Date? = nil, on db: any Database) async throws -> QuoteLine? {
        let query = QuoteLine.query(on: db).filter(\.$accountID == accountID).filter(\.$itemKey == itemKey).with(\.$quotedBy)
        if let before { query.filter(\.$quotedAt <= before) }
        return try await query.sort(\.$quotedAt, .descending).first()
    }

    /// The newest quoted price of every item quoted to the account, newest first, for the customer card and quote form.
    static func all(accountID: UUID, limit: Int = 50, on db: any Database) async throws -> [QuoteLine] {
        let lines = try await QuoteLine.query(on: db).filter(\.$accountID == accountID).with(\.$quotedBy)
            .sort(\.$quotedAt, .descending).limit(limit * 4).all()
        var seen = Set<String>()
        return lines.filter { seen.insert($0.itemKey).inserted }.prefix(limit).map { $0 }
    }

    /// The lines of the newest quote logged against a deal, for the order the won deal becomes.
    @Sendable static func ofDeal(_ dealID: UUID, on db: any Database) async throws -> [Contributions.QuotedPrice] {
        guard let quote = try await Interaction.query(on: db).filter(\.$opportunityID == dealID).filter(\.$kind == InteractionKind.quote.rawValue)
            .sort(\.$occurredAt, .descending).with(\.$lines) { $0.with(\.$quotedBy) }.first() else { return [] }
        return quote.lines.sorted { $0.position < $1.position }.map(fact)
    }

    /// The newest quote of each item made to the account on or before `day` (UTC), keyed by item key.
    @Sendable static func latest(accountID: UUID, itemKeys: Set<String>, onOrBefore day: String, on db: any Database) async throws -> [String: Contributions.QuotedPrice] {
        guard !itemKeys.isEmpty else { return [:] }
        let lines = try await QuoteLine.query(on: db).filter(\.$accountID == accountID).filter(\.$itemKey ~~ itemKeys).with(\.$quotedBy)
            .sort(\.$quotedAt, .descending).limit(500).all()
        var newest: [String: Contributions.QuotedPrice] = [:]
        for line in lines where newest[line.itemKey] == nil && CalendarDate.today(at: line.quotedAt).description <= day {
            newest[line.itemKey] = fact(line)
        }
        return newest
    }

    private static func fact(_ line: QuoteLine) -> Contributions.QuotedPrice {
        .init(productID: line.productID, description: line.description, quantity: Int64(line.quantity), unitPriceMinor: line.unitPriceMinor,
              discountBasisPoints: Int64(line.discountBasisPoints), netUnitMinor: line.netUnitMinor, currency: line.currency,
              validUntil: line.validUntil, quotedOn: CalendarDate.today(at: line.quotedAt).description, quotedBy: line.quotedBy?.name)
    }

    /// A price quote as a line on the account card: when, what, how much in all, until when.
    struct RecentQuote: Equatable {
        let interactionID: UUID
        let quotedAt: Date
        let subject: String?
        let items: [String]
        let totalMinor: Int64
        let currency: String
        let validUntil: String?
        let quotedBy: String?
    }

    /// The account's newest price quotes, read off the account/kind/time index, with their lines in one more query.
    static func recentQuotes(accountID: UUID, limit: Int = 5, on db: any Database) async throws -> [RecentQuote] {
        let quotes = try await Interaction.query(on: db).filter(\.$accountID == accountID).filter(\.$kind == InteractionKind.quote.rawValue)
            .sort(\.$occurredAt, .descending).limit(limit).with(\.$user).with(\.$lines).all()
        return quotes.map { quote in
            let lines = quote.lines.sorted { $0.position < $1.position }
            return RecentQuote(interactionID: quote.id!, quotedAt: quote.occurredAt, subject: quote.subject, items: lines.map(\.description),
                               totalMinor: lines.reduce(0) { $0 + $1.netUnitMinor * Int64($1.quantity) },
                               currency: quote.currency ?? lines.first?.currency ?? "", validUntil: quote.validUntil, quotedBy: quote.user?.name)
        }
    }

    /// `item` is a product id or the free text of an item.
    static func itemKey(_ item: String) -> String? {
        if let id = UUID(uuidString: item) { return QuoteConsistency.itemKey(productID: id.uuidString, description: nil) }
        return QuoteConsistency.itemKey(productID: nil, description: item)
    }
}
