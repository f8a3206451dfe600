import CRMCore
import Vapor

/// The new-order form on an account: up to `lineCount` lines, each a product from the catalogue (its list price
/// when no price is typed) or a free item with its price; the credit-limit check speaks once the order is booked.
enum NewOrderPage {
    struct LineForm: Content {
        var productId: String?
        var description: String?
        var quantity: String?
        var unitPrice: String?
        var discountPercent: String?
    }

    struct Form: Content {
        var orderDate: String?
        var currency: String?
        var status: String?
        var note: String?
        var lines: [LineForm]?
    }

    static let lineCount = 6

    /// The order's input, or the errors only the form can have (a quantity or price that is not a number).
    static func input(_ form: Form, accountID: UUID, baseCurrency: String) -> (OrderInput, [String: String]) {
        var errors = [String: String]()
        let currency = (form.currency ?? baseCurrency).trimmingCharacters(in: .whitespaces).uppercased()
        var input = OrderInput(accountId: accountID, orderDate: form.orderDate, currency: currency, status: form.status, note: form.note)
        var lines = [OrderLineInput]()
        for line in form.lines ?? [] {
            let product = line.productId.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
            let description = line.description?.trimmingCharacters(in: .whitespaces)
            guard product != nil || !(description ?? "").isEmpty else { continue }
            let path = "lines[\(lines.count)]"
            var item = OrderLineInput(productId: product, description: description?.isEmpty == true ? nil : description, quantity: 1)
            if let raw = line.quantity?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let quantity = Int64(raw) { item.quantity = quantity } else { errors[path + ".quantity"] = "must be a whole number" }
            }
            if let raw = line.unitPrice?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let minor = MinorUnits.parse(raw, currency: currency) { item.unitPriceMinor = minor } else {
                    errors[path + ".unitPriceMinor"] = "must be an amount such as 1250.50"
                }
            }
            if let raw = line.discountPercent?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let basisPoints = MinorUnits.parse(raw, decimals: 2) { item.discountBasisPoints = basisPoints } else {
                    errors[path + ".discountBasisPoints"] = "must be a percentage such as 12.5"
                }
            }
            lines.append(item)
        }
        input.lines = lines
        return (input, errors)
    }

    struct Model {
        let accountID: UUID
        let accountName: String
        let form: Form
        let products: [SalesDirectory.ProductFacts]
        let errors: [String: String]
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        let form = model.form, errors = model.errors
        // Errors name the lines as the order holds them; the form keeps the rows as typed, filled ones first.
        let filled = (form.lines ?? []).filter { !($0.productId ?? "").isEmpty || !($0.description ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        return Layout.page("New order", context) {
            Node.h1 { .text("New order for " + model.accountName) }
            Node.form(.method("post"), .action(Site.accountOrderNew(model.accountID)), .class("record")) {
                context.csrfField
                FormField.input("orderDate", label: "Order date", value: form.orderDate, type: "date", errors: errors)
                FormField.input("currency", label: "Currency", value: form.currency, errors: errors)
                FormField.select("status", label: "Book as", options: [("confirmed", "Confirmed"), ("draft", "Draft (not yet counted)")],
                                 selected: form.status ?? "confirmed", errors: errors)
                Node.p(.class("muted")) { "Leave the unit price empty for the product's list price." }
                Node.table {
                    Node.thead {
                        Node.tr { Node.th { "Product" }; Node.th { "or item" }; Node.th { "Quantity" }; Node.th { "Unit price" }; Node.th { "Discount %" } }
                    }
                    Node.tbody {
                        for index in 0..<lineCount {
                            let line = index < filled.count ? filled[index] : LineForm()
                            Node.tr {
                                Node.td {
                                    Node.select(.name("lines[\(index)][productId]"), .aria("label", "Product of line \(index + 1)")) {
                                        Node.option(.value("")) { "—" }
                                        for product in model.products {
                                            Node.option(.value(product.id.uuidString), .when(line.productId == product.id.uuidString, .selected)) {
                                                .text(product.name + " (" + MinorUnits.display(product.priceMinor, currency: product.currency) + ")")
                                            }
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
                if let error = errors["lines"] { Node.p(.class("field-error")) { .text("Lines " + error) } }
                FormField.textarea("note", label: "Note", value: form.note, errors: errors)
                FormField.otherErrors(errors, shown: Set(["orderDate", "currency", "status", "lines", "note"]).union(
                    errors.keys.filter { $0.hasPrefix("lines[") }))
                Node.button(.type("submit")) { "Book order" }
            }
        }
    }
}
