import CRMCore
import Fluent
import Vapor

/// The catalogue as lists and cards show it, for the API and the pages alike.
enum ProductCatalogue {
    /// Products by SKU, keyset-paged; the retired ones when `active` is false.
    static func page(active: Bool, paging: PageRequest, on db: any Database) async throws -> ListPage<ProductDTO> {
        let query = Product.query(on: db).filter(\.$isActive == active)
        let rows = try await Keyset.page(query, by: "sku", paging: paging).all()
        let tiers = try await MarginTiersStore.load(on: db)
        return Keyset.listPage(rows, paging: paging) { ProductDTO($0, tiers: tiers) }
    }

    /// `?active=false` lists the retired products.
    static func wantsActive(_ request: Request) -> Bool {
        request.query[String.self, at: "active"] != "false"
    }

    struct PriceChangeDTO: Content {
        let priceMinor: Int64
        let costMinor: Int64
        let marginBasisPoints: Int64?
        let changedAt: Date
    }

    /// Every price and cost the product had, newest first (at most 200).
    static func priceHistory(of productID: UUID, on db: any Database) async throws -> [PriceChangeDTO] {
        try await ProductPriceChange.query(on: db).filter(\.$product.$id == productID)
            .sort(\.$changedAt, .descending).limit(200).all().map {
                PriceChangeDTO(priceMinor: $0.priceMinor, costMinor: $0.costMinor,
                               marginBasisPoints: Margin.basisPoints(priceMinor: $0.priceMinor, costMinor: $0.costMinor), changedAt: $0.changedAt)
            }
    }
}
