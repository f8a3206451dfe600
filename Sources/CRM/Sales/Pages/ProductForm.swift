import CRMCore
import Vapor

/// The product form as posted: amounts typed as people write them ("1250.50"), turned into the API's input.
struct ProductForm: Content {
    var sku: String?
    var name: String?
    var description: String?
    var unit: String?
    var price: String?
    var cost: String?
    var currency: String?
    var isActive: String?
    var version: Int?

    init(_ dto: ProductDTO?, baseCurrency: String) {
        sku = dto?.sku
        name = dto?.name
        description = dto?.description
        unit = dto?.unit ?? "piece"
        price = dto.map { MinorUnits.plain($0.priceMinor, currency: $0.currency) }
        cost = dto.map { MinorUnits.plain($0.costMinor, currency: $0.currency) }
        currency = dto?.currency ?? baseCurrency
        isActive = dto.map { $0.isActive ? "true" : "false" } ?? "true"
        version = dto?.version
    }

    /// The input to check and store, or the errors only the form can have (an amount that is not a number).
    func input() -> (ProductInput, [String: String]) {
        var errors: [String: String] = [:]
        let currency = (self.currency ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        var input = ProductInput()
        (input.sku, input.name, input.unit) = (sku ?? "", name ?? "", unit ?? "")
        input.description = description ?? ""
        input.currency = currency
        input.priceMinor = TypedAmount.read(price, currency: currency, field: "priceMinor", errors: &errors)
        input.costMinor = TypedAmount.read(cost, currency: currency, field: "costMinor", errors: &errors)
        input.isActive = isActive != "false"
        return (input, errors)
    }
}
