import CRMCore
import Vapor

/// The rows of priced lines a quote or an order form has: a product from the catalogue or a free item, quantity,
/// unit price and discount, typed as people write them. Read and drawn the same way wherever lines are entered.
/// The product is typed: the browser offers the catalogue's products ("SKU · name") as the letters come, and the
/// SKU, the name or the product's id is read back.
struct PricedLineForm: Content {
    var product: String?
    var description: String?
    var quantity: String?
    var unitPrice: String?
    var discountPercent: String?

    /// One line as read: what was typed, in the API's units.
    struct Reading {
        var productID: UUID?
        var description: String?
        var quantity: Int64?
        var unitPriceMinor: Int64?
        var discountBasisPoints: Int64?
    }

    /// A row filled from a line already priced (an order's, a quote's), as a person would type it again.
    init(productID: UUID?, description: String, quantity: Int64, unitPriceMinor: Int64, discountBasisPoints: Int64, currency: String,
         products: [SalesDirectory.ProductFacts]) {
        product = Self.typed(productID, in: products)
        self.description = productID == nil ? description : nil
        self.quantity = String(quantity)
        unitPrice = MinorUnits.plain(unitPriceMinor, currency: currency)
        discountPercent = discountBasisPoints == 0 ? nil : MinorUnits.plain(discountBasisPoints, decimals: 2)
    }

    init(product: String? = nil, description: String? = nil, quantity: String? = nil, unitPrice: String? = nil, discountPercent: String? = nil) {
        (self.product, self.description, self.quantity, self.unitPrice, self.discountPercent) = (product, description, quantity, unitPrice, discountPercent)
    }

    var isEmpty: Bool {
        (product ?? "").trimmingCharacters(in: .whitespaces).isEmpty && (description ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// A product as the field offers it and shows it once chosen.
    static func choice(_ product: SalesDirectory.ProductFacts) -> String { product.sku + " · " + product.name }

    /// The field's text for a product already on a line: its choice, or its id when it is no longer on sale.
    static func typed(_ id: UUID?, in products: [SalesDirectory.ProductFacts]) -> String? {
        id.map { id in products.first { $0.id == id }.map(choice) ?? id.uuidString }
    }

    /// The product typed: its id, its SKU, its name, or its choice as offered (case ignored); nil when none matches.
    static func product(_ text: String, in products: [SalesDirectory.ProductFacts]) -> UUID? {
        if let id = UUID(uuidString: text) { return id }
        let typed = text.lowercased()
        return (products.first { choice($0).lowercased() == typed || $0.sku.lowercased() == typed }
            ?? products.first { $0.name.lowercased() == typed })?.id
    }

    /// The filled rows, read; unreadable numbers are noted under `lines[i].…` as the API names them, `i` counting
    /// filled rows only, so they match the lines the API checks.
    static func read(_ rows: [PricedLineForm], currency: String, products: [SalesDirectory.ProductFacts], errors: inout [String: String]) -> [Reading] {
        rows.filter { !$0.isEmpty }.enumerated().map { index, row in
            let path = "lines[\(index)]"
            let description = row.description?.trimmingCharacters(in: .whitespaces)
            var reading = Reading(description: description?.isEmpty == true ? nil : description)
            if let typed = row.product?.trimmingCharacters(in: .whitespaces), !typed.isEmpty {
                reading.productID = product(typed, in: products)
                if reading.productID == nil { errors[path + ".productId"] = "names no product on sale; pick one from the list" }
            }
            if let raw = row.quantity?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let quantity = Int64(raw) { reading.quantity = quantity } else { errors[path + ".quantity"] = "must be a whole number" }
            }
            reading.unitPriceMinor = TypedAmount.read(row.unitPrice, currency: currency, field: path + ".unitPriceMinor", errors: &errors)
            if let raw = row.discountPercent?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let basisPoints = MinorUnits.parse(raw, decimals: 2) { reading.discountBasisPoints = basisPoints } else {
                    errors[path + ".discountBasisPoints"] = "must be a percentage such as 12.5"
                }
            }
            return reading
        }
    }

    /// `count` rows, the filled ones first, each with its errors beside it; `products` are offered while typing, each
    /// with a label (list price, a quoted price).
    static func table(_ rows: [PricedLineForm], count: Int, errors: [String: String], products: [(product: SalesDirectory.ProductFacts, label: String)]) -> Node {
        let filled = rows.filter { !$0.isEmpty }
        return .fragment([.el("datalist", [.id("product-choices")]) {
            for (product, label) in products { Node.option(.value(choice(product)), Attribute("label", label)) { .empty } }
        }, .table {
            Node.thead {
                Node.tr { Node.th { "Product" }; Node.th { "or item" }; Node.th { "Quantity" }; Node.th { "Unit price" }; Node.th { "Discount %" } }
            }
            Node.tbody {
                for index in 0..<max(count, filled.count) {
                    let line = index < filled.count ? filled[index] : PricedLineForm()
                    Node.tr {
                        Node.td {
                            Node.void("input", [.type("text"), .name("lines[\(index)][product]"), .value(line.product ?? ""), Attribute("list", "product-choices"),
                                                Attribute("autocomplete", "off"), .aria("label", "Product of line \(index + 1)")])
                            if let error = errors["lines[\(index)].productId"] { Node.p(.class("field-error")) { .text(error) } }
                        }
                        for (field, key, value) in [("description", "description", line.description), ("quantity", "quantity", line.quantity),
                                                    ("unitPrice", "unitPriceMinor", line.unitPrice), ("discountPercent", "discountBasisPoints", line.discountPercent)] {
                            Node.td {
                                Node.void("input", [.type("text"), .name("lines[\(index)][\(field)]"), .value(value ?? ""),
                                                    .aria("label", "\(field) of line \(index + 1)")])
                                if let error = errors["lines[\(index)].\(key)"] { Node.p(.class("field-error")) { .text(error) } }
                            }
                        }
                    }
                }
            }
        }])
    }
}
