import CRMCore
import Vapor

/// The new-order form on an account: up to `lineCount` lines, each a product from the catalogue (its list price
/// when no price is typed) or a free item with its price; the credit-limit check speaks once the order is booked.
enum NewOrderPage {
    struct Form: Content {
        var orderDate: String?
        var currency: String?
        var status: String?
        var note: String?
        var lines: [PricedLineForm]?
    }

    static let lineCount = 6

    /// The order's input, or the errors only the form can have (a quantity or price that is not a number).
    static func input(_ form: Form, accountID: UUID, baseCurrency: String) -> (OrderInput, [String: String]) {
        var errors = [String: String]()
        let currency = (form.currency ?? baseCurrency).trimmingCharacters(in: .whitespaces).uppercased()
        var input = OrderInput(accountId: accountID, orderDate: form.orderDate, currency: currency, status: form.status, note: form.note)
        let lines = PricedLineForm.read(form.lines ?? [], currency: currency, errors: &errors).map {
            OrderLineInput(productId: $0.productID, description: $0.description, quantity: $0.quantity ?? 1,
                           unitPriceMinor: $0.unitPriceMinor, discountBasisPoints: $0.discountBasisPoints)
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
        return Layout.page("New order", context) {
            Node.h1 { .text("New order for " + model.accountName) }
            Node.form(.method("post"), .action(Site.accountOrderNew(model.accountID)), .class("record")) {
                context.csrfField
                FormField.input("orderDate", label: "Order date", value: form.orderDate, type: "date", errors: errors)
                FormField.input("currency", label: "Currency", value: form.currency, errors: errors)
                FormField.select("status", label: "Book as", options: [("confirmed", "Confirmed"), ("draft", "Draft (not yet counted)")],
                                 selected: form.status ?? "confirmed", errors: errors)
                Node.p(.class("muted")) { "Leave the unit price empty for the product's list price." }
                PricedLineForm.table(form.lines ?? [], count: lineCount, errors: errors, products: model.products.map {
                    ($0.id, $0.name + " (" + MinorUnits.display($0.priceMinor, currency: $0.currency) + ")")
                })
                if let error = errors["lines"] { Node.p(.class("field-error")) { .text("Lines " + error) } }
                FormField.textarea("note", label: "Note", value: form.note, errors: errors)
                FormField.otherErrors(errors, shown: Set(["orderDate", "currency", "status", "lines", "note"]).union(
                    errors.keys.filter { $0.hasPrefix("lines[") }))
                Node.button(.type("submit")) { "Book order" }
            }
        }
    }
}
