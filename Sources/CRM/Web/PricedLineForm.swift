import CRMCore
import Vapor

/// The rows of priced lines a quote or an order form has: a product from the catalogue or a free item, quantity,
/// unit price and discount, typed as people write them. Read and drawn the same way wherever lines are entered.
struct PricedLineForm: Content {
    var productId: String?
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

    var isEmpty: Bool {
        (productId ?? "").isEmpty && (description ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// The filled rows, read; unreadable numbers are noted under `lines[i].…` as the API names them, `i` counting
    /// filled rows only, so they match the lines the API checks.
    static func read(_ rows: [PricedLineForm], currency: String, errors: inout [String: String]) -> [Reading] {
        rows.filter { !$0.isEmpty }.enumerated().map { index, row in
            let path = "lines[\(index)]"
            let description = row.description?.trimmingCharacters(in: .whitespaces)
            var reading = Reading(productID: row.productId.flatMap { UUID(uuidString: $0) }, description: description?.isEmpty == true ? nil : description)
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

    /// `count` rows, the filled ones first, each with its errors beside it; `products` are offered by name and list price.
    static func table(_ rows: [PricedLineForm], count: Int, errors: [String: String], products: [(id: UUID, label: String)]) -> Node {
        let filled = rows.filter { !$0.isEmpty }
        return .table {
            Node.thead {
                Node.tr { Node.th { "Product" }; Node.th { "or item" }; Node.th { "Quantity" }; Node.th { "Unit price" }; Node.th { "Discount %" } }
            }
            Node.tbody {
                for index in 0..<max(count, filled.count) {
                    let line = index < filled.count ? filled[index] : PricedLineForm()
                    Node.tr {
                        Node.td {
                            Node.select(.name("lines[\(index)][productId]"), .aria("label", "Product of line \(index + 1)")) {
                                Node.option(.value("")) { "—" }
                                for product in products {
                                    Node.option(.value(product.id.uuidString), .when(line.productId == product.id.uuidString, .selected)) { .text(product.label) }
                                }
                            }
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
        }
    }
}
