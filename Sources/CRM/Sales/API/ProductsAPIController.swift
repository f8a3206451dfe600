import CRMCore
import Fluent
import Vapor

/// `/api/v1/products`, margin tiers, exchange rates and the settings of customer tiers.
enum ProductsAPIController {
    /// Products by SKU, keyset-paged; `active=false` lists the retired ones.
    @Sendable static func list(_ request: Request) async throws -> ListPage<ProductDTO> {
        try await ProductCatalogue.page(active: ProductCatalogue.wantsActive(request), paging: try PageRequest(from: request), on: request.db)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let product = try await ProductStore(request).create(try request.decodeStrict(ProductInput.self))
        let dto = ProductDTO(product, tiers: try await MarginTiersStore.load(on: request.db))
        return try .json(dto, status: .created, version: dto.version)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let dto = ProductDTO(try await ProductStore.load(try request.pathUUID("productID"), on: request.db), tiers: try await MarginTiersStore.load(on: request.db))
        return try .json(dto, version: dto.version)
    }

    /// Changes the members sent; a new price or cost is recorded in the product's price history.
    @Sendable static func patch(_ request: Request) async throws -> Response {
        let store = try ProductStore(request)
        try store.requireManage()
        let product = try await ProductStore.load(try request.pathUUID("productID"), on: request.db)
        try await store.update(product, with: try request.decodeStrict(ProductInput.self), expectedVersion: try request.expectedVersion())
        let dto = ProductDTO(try await ProductStore.load(product.requireID(), on: request.db), tiers: try await MarginTiersStore.load(on: request.db))
        return try .json(dto, version: dto.version)
    }

    @Sendable static func priceHistory(_ request: Request) async throws -> [ProductCatalogue.PriceChangeDTO] {
        let product = try await ProductStore.load(try request.pathUUID("productID"), on: request.db)
        return try await ProductCatalogue.priceHistory(of: product.requireID(), on: request.db)
    }

    @Sendable static func marginTiers(_ request: Request) async throws -> [MarginTier] {
        try await MarginTiersStore.load(on: request.db).tiers.map {
            MarginTier(code: $0.code, minimumBasisPoints: max($0.minimumBasisPoints, Int64(Int32.min)), commissionBasisPoints: $0.commissionBasisPoints)
        }
    }

    struct TiersInput: StrictInput {
        var tiers: [MarginTier]?
    }

    @Sendable static func replaceMarginTiers(_ request: Request) async throws -> [MarginTier] {
        _ = try request.requireRole(\.canEditMarginTiers)
        guard let tiers = try request.decodeStrict(TiersInput.self).tiers else { throw APIError.invalid(["tiers": "is required"]) }
        _ = try await MarginTiersStore.replace(with: tiers, on: request.db)
        return try await marginTiers(request)
    }

    @Sendable static func exchangeRates(_ request: Request) async throws -> [ExchangeRates.DTO] {
        try await ExchangeRates.all(on: request.db)
    }

    /// Removes a rate recorded by mistake (admins).
    @Sendable static func removeRate(_ request: Request) async throws -> HTTPStatus {
        _ = try request.requireRole(\.canRecordExchangeRates)
        try await ExchangeRates.remove(currency: request.parameters.get("currency") ?? "", validFrom: request.parameters.get("validFrom") ?? "", on: request.db)
        return .noContent
    }

    @Sendable static func recordRate(_ request: Request) async throws -> Response {
        let actor = try request.requireRole(\.canRecordExchangeRates)
        let dto = try await ExchangeRates.record(try request.decodeStrict(ExchangeRates.Input.self), by: actor,
                                                 base: request.application.config.baseCurrency, on: request.db)
        return try .json(dto, status: .created)
    }

    @Sendable static func tierSettings(_ request: Request) async throws -> ProfitTiering.Settings {
        try await ProfitTiering.settings(on: request.db)
    }

    struct SettingsInput: StrictInput {
        var aPercent: Int?
        var bPercent: Int?
    }

    @Sendable static func saveTierSettings(_ request: Request) async throws -> ProfitTiering.Settings {
        _ = try request.requireRole(\.canEditTierSettings)
        let input = try request.decodeStrict(SettingsInput.self)
        let current = try await ProfitTiering.settings(on: request.db)
        let settings = ProfitTiering.Settings(aPercent: input.aPercent ?? current.aPercent, bPercent: input.bPercent ?? current.bPercent)
        try await ProfitTiering.save(settings, on: request.db)
        return settings
    }

    /// Recomputes every account's tier now (managers and admins; `crm tiers recompute` does it from a daily job).
    @Sendable static func recomputeTiers(_ request: Request) async throws -> ProfitTiering.Result {
        _ = try request.requireRole(\.canRecomputeTiers)
        return try await ProfitTiering(db: request.db, now: request.now).recompute()
    }
}
