import CRMCore
import Fluent
import Vapor

struct ProductInput: StrictInput {
    var sku: String?
    var name: String?
    var description: String?
    var unit: String?
    var priceMinor: Int64?
    var costMinor: Int64?
    var currency: String?
    var isActive: Bool?
}

struct ProductDTO: Content {
    let id: UUID
    let sku: String
    let name: String
    let description: String?
    let unit: String
    let priceMinor: Int64
    let costMinor: Int64
    let currency: String
    /// (price − cost) / price in basis points; nil for a zero price.
    let marginBasisPoints: Int64?
    let marginTier: String
    let isActive: Bool
    let version: Int

    init(_ product: Product, tiers: MarginTiers) {
        id = product.id!
        sku = product.sku
        name = product.name
        description = product.details
        unit = product.unit
        priceMinor = product.priceMinor
        costMinor = product.costMinor
        currency = product.currency
        marginBasisPoints = Margin.basisPoints(priceMinor: product.priceMinor, costMinor: product.costMinor)
        marginTier = tiers.tier(forMargin: marginBasisPoints).code
        isActive = product.isActive
        version = product.version
    }

    static let inputSchema = JSONSchema.object([
        ("sku", .string()), ("name", .string()), ("description", .nullable(.string())), ("unit", .string(description: "Default: piece")),
        ("priceMinor", .integer(description: "List price in minor units")), ("costMinor", .integer(description: "Cost of one unit in minor units")),
        ("currency", .string(description: "ISO 4217; default the base currency")), ("isActive", .boolean),
    ])
    static let schema = JSONSchema.object([
        ("id", .uuid), ("sku", .string()), ("name", .string()), ("description", .nullable(.string())), ("unit", .string()),
        ("priceMinor", .integer()), ("costMinor", .integer()), ("currency", .string()),
        ("marginBasisPoints", .nullable(.integer(description: "4000 = 40 %"))), ("marginTier", .string()), ("isActive", .boolean), ("version", .integer()),
    ], required: ["id", "sku", "name", "unit", "priceMinor", "costMinor", "currency", "marginTier", "isActive", "version"])
}

/// Products: managers and admins keep the catalogue; every price or cost change is kept with its date.
struct ProductStore {
    let db: any Database
    let actor: User
    let now: Date
    let baseCurrency: String

    static func load(_ id: UUID, on db: any Database) async throws -> Product {
        guard let product = try await Product.find(id, on: db) else { throw APIError.notFound("This product") }
        return product
    }

    func create(_ input: ProductInput) async throws -> Product {
        try requireManage()
        let product = Product()
        product.version = 1
        product.isActive = true
        product.currency = baseCurrency
        product.unit = "piece"
        try await apply(input, to: product, creating: true)
        try await db.transaction { db in
            try await product.create(on: db)
            try await recordPrice(of: product, on: db)
        }
        return product
    }

    /// JSON Merge Patch semantics: only the members sent change.
    func update(_ product: Product, with input: ProductInput, expectedVersion: Int) async throws {
        try requireManage()
        let pricesBefore = (product.priceMinor, product.costMinor)
        try await apply(input, to: product, creating: false)
        try await db.transaction { db in
            try await VersionGuard.claim(table: Product.schema, id: product.requireID(), expected: expectedVersion, on: db)
            product.version = expectedVersion + 1
            try await product.save(on: db)
            if pricesBefore != (product.priceMinor, product.costMinor) { try await recordPrice(of: product, on: db) }
        }
    }

    private func recordPrice(of product: Product, on db: any Database) async throws {
        let change = ProductPriceChange()
        change.$product.id = try product.requireID()
        change.priceMinor = product.priceMinor
        change.costMinor = product.costMinor
        change.changedAt = now
        change.$changedBy.id = actor.id
        try await change.create(on: db)
    }

    func requireManage() throws {
        guard actor.role.canKeepCatalogue else { throw APIError.forbidden }
    }

    private func apply(_ input: ProductInput, to product: Product, creating: Bool) async throws {
        var fields = FieldCheck()
        if creating || input.sku != nil {
            let sku = fields.required(input.sku, "sku", max: 64)
            if !sku.isEmpty, try await Product.query(on: db).filter(\.$sku == sku).filter(\.$id != product.id ?? UUID()).count() > 0 {
                fields.fail("sku", "is already used by another product")
            }
            product.sku = sku
        }
        if creating || input.name != nil { product.name = fields.required(input.name, "name") }
        if input.description != nil { product.details = fields.text(input.description, "description", max: 4_000) }
        if let unit = input.unit { product.unit = fields.required(unit, "unit", max: 20) }
        if let currency = input.currency {
            let code = currency.uppercased()
            if code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) { product.currency = code } else { fields.fail("currency", "must be a three-letter ISO 4217 code") }
        }
        if creating || input.priceMinor != nil {
            let price = input.priceMinor ?? -1
            if price < 0 { fields.fail("priceMinor", input.priceMinor == nil ? "is required" : "must not be negative") }
            product.priceMinor = price
        }
        if creating || input.costMinor != nil {
            let cost = input.costMinor ?? -1
            if cost < 0 { fields.fail("costMinor", input.costMinor == nil ? "is required" : "must not be negative") }
            product.costMinor = cost
        }
        if let active = input.isActive { product.isActive = active }
        try fields.throwIfFailed()
    }
}

/// The margin tiers an admin set, read as `MarginTiers`.
enum MarginTiersStore {
    static let defaults = MarginTiers.standard.tiers.enumerated().map { index, tier in
        MarginTier(code: tier.code, minimumBasisPoints: index == MarginTiers.standard.tiers.count - 1 ? 0 : tier.minimumBasisPoints,
                   commissionBasisPoints: tier.commissionBasisPoints)
    }

    static func load(on db: any Database) async throws -> MarginTiers {
        let rows = try await MarginTierRow.query(on: db).sort(\.$position).all()
        return (try? MarginTiers(rows.map { MarginTier(code: $0.code, minimumBasisPoints: $0.minimumBasisPoints, commissionBasisPoints: $0.commissionBasisPoints) }))
            ?? MarginTiers.standard
    }

    /// Replaces all tiers at once (admins only); bad tiers are refused whole.
    static func replace(with tiers: [MarginTier], on db: any Database) async throws -> MarginTiers {
        let checked: MarginTiers
        do {
            checked = try MarginTiers(tiers)
        } catch {
            throw APIError.invalid(["tiers": error.description])
        }
        try await db.transaction { db in
            try await MarginTierRow.query(on: db).delete()
            for (position, tier) in tiers.enumerated() {
                let row = MarginTierRow()
                row.position = position
                row.code = tier.code
                row.minimumBasisPoints = tier.minimumBasisPoints
                row.commissionBasisPoints = tier.commissionBasisPoints
                try await row.create(on: db)
            }
        }
        return checked
    }

    static let schema = JSONSchema.object([
        ("code", .string()), ("minimumBasisPoints", .integer(description: "Lowest margin for the tier; ignored for the last tier")),
        ("commissionBasisPoints", .integer(description: "Commission on line revenue; 500 = 5 %")),
    ], required: ["code", "minimumBasisPoints", "commissionBasisPoints"])
}

/// Rates an admin records; an order in a foreign currency is converted at the rate valid on its date.
enum ExchangeRates {
    struct Input: StrictInput {
        var currency: String?
        var validFrom: String?
        var rate: String?
    }

    struct DTO: Content {
        let currency: String
        let validFrom: String
        let rate: String
    }

    static func record(_ input: Input, by actor: User, base: String, on db: any Database) async throws -> DTO {
        var fields = FieldCheck()
        let currency = (input.currency ?? "").uppercased()
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isLetter }) { fields.fail("currency", "must be a three-letter ISO 4217 code") }
        if currency == base { fields.fail("currency", "is the base currency, which needs no rate") }
        let validFrom = fields.date(input.validFrom, "validFrom")
        if validFrom == nil { fields.fail("validFrom", "is required") }
        let rate = CurrencyConversion.parseRate(input.rate ?? "")
        if rate == nil { fields.fail("rate", "must be a positive decimal number written with a point, at most 12 decimals") }
        try fields.throwIfFailed()
        if try await ExchangeRate.query(on: db).filter(\.$currency == currency).filter(\.$validFrom == validFrom!).count() > 0 {
            throw APIError.conflict("A rate for this currency and day is already recorded.", fields: ["validFrom": "already has a rate for \(currency)"])
        }
        let row = ExchangeRate()
        row.currency = currency
        row.validFrom = validFrom!
        row.rate = input.rate!.trimmingCharacters(in: .whitespaces)
        row.$recordedBy.id = actor.id
        try await row.create(on: db)
        return DTO(currency: row.currency, validFrom: row.validFrom, rate: row.rate)
    }

    /// Every recorded rate, by currency and newest first (at most 1,000).
    static func all(on db: any Database) async throws -> [DTO] {
        try await ExchangeRate.query(on: db).sort(\.$currency).sort(\.$validFrom, .descending).limit(1_000).all()
            .map { DTO(currency: $0.currency, validFrom: $0.validFrom, rate: $0.rate) }
    }

    /// Removes a rate recorded by mistake (correcting one is removing it and recording the right one). Orders already
    /// booked keep the base amounts they were converted to.
    static func remove(currency: String, validFrom: String, on db: any Database) async throws {
        let rows = try await ExchangeRate.query(on: db).filter(\.$currency == currency.uppercased()).filter(\.$validFrom == validFrom).all()
        guard !rows.isEmpty else { throw APIError.notFound("This exchange rate") }
        for row in rows { try await row.delete(on: db) }
    }

    /// The rate valid on `day`: the latest recorded on or before it.
    static func rate(for currency: String, on day: String, db: any Database) async throws -> Decimal? {
        let row = try await ExchangeRate.query(on: db).filter(\.$currency == currency).filter(\.$validFrom <= day)
            .sort(\.$validFrom, .descending).first()
        return row.flatMap { CurrencyConversion.parseRate($0.rate) }
    }

    static let schema = JSONSchema.object([
        ("currency", .string()), ("validFrom", .string(format: "date")), ("rate", .string(description: "Base units per unit of the currency, e.g. 0.9234")),
    ], required: ["currency", "validFrom", "rate"])
}

extension MarginTier: Content {}

extension ProductStore {
    /// The store as the signed-in user of `request` sees it.
    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now, baseCurrency: request.application.config.baseCurrency)
    }
}
