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
        var opportunityId: String?
        var priceReason: String?
        var lines: [PricedLineForm]?
    }

    static let lineCount = 6

    /// The order's input, or the errors only the form can have (a quantity or price that is not a number).
    static func input(_ form: Form, accountID: UUID, baseCurrency: String, products: [SalesDirectory.ProductFacts]) -> (OrderInput, [String: String]) {
        var errors = [String: String]()
        let currency = (form.currency ?? baseCurrency).trimmingCharacters(in: .whitespaces).uppercased()
        var input = OrderInput(accountId: accountID, orderDate: form.orderDate, currency: currency, status: form.status, note: form.note,
                               priceReason: form.priceReason)
        if let raw = form.opportunityId, !raw.isEmpty {
            if let id = UUID(uuidString: raw) { input.opportunityId = id } else { errors["opportunityId"] = "must be a deal's id" }
        }
        let lines = PricedLineForm.read(form.lines ?? [], currency: currency, products: products, errors: &errors).map(OrderLineInput.init)
        input.lines = lines
        return (input, errors)
    }

    struct Model {
        let accountID: UUID
        let accountName: String
        let form: Form
        let products: [SalesDirectory.ProductFacts]
        /// The quotes the customer still holds, by product: offered as the line's price.
        let quoted: [UUID: Contributions.QuotedPrice]
        let dealName: String?
        let errors: [String: String]
    }

    /// A product's label as the picker offers it: list price, and the price quoted to this customer while it holds.
    static func label(_ product: SalesDirectory.ProductFacts, quote: Contributions.QuotedPrice?) -> String {
        MinorUnits.display(product.priceMinor, currency: product.currency) + (quote.map { "; quoted " + quoted($0) } ?? "")
    }

    /// "1,225.50 EUR until 2026-12-21": the net unit price quoted and how long it holds.
    static func quoted(_ quote: Contributions.QuotedPrice) -> String {
        MinorUnits.display(quote.netUnitMinor, currency: quote.currency) + (quote.validUntil.map { " until " + $0 } ?? "")
    }

    /// The prices the customer holds, spelled out: a datalist's labels are not shown by every browser.
    private static func quotedPrices(_ model: Model) -> Node {
        let held = model.products.compactMap { product in model.quoted[product.id].map { (product, $0) } }
        return held.isEmpty ? .empty : .div(.class("muted"), .id("quoted")) {
            Node.text("Quoted to this customer and still holding: ")
            Node.text(held.map { PricedLineForm.choice($0.0) + " at " + quoted($0.1) }.joined(separator: "; "))
        }
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        let form = model.form, errors = model.errors
        return Layout.page("New order", context) {
            Node.h1 { .text("New order for " + model.accountName) }
            if let deal = model.dealName, let id = form.opportunityId.flatMap(UUID.init(uuidString:)) {
                Node.p(.class("subtitle")) { "From the won deal "; Node.a(.href(Site.deal(id))) { .text(deal) } }
            }
            Node.form(.method("post"), .action(Site.accountOrderNew(model.accountID)), .class("record")) {
                context.csrfField
                if let deal = form.opportunityId { Node.input(.type("hidden"), .name("opportunityId"), .value(deal)) }
                FormField.input("orderDate", label: "Order date", value: form.orderDate, type: "date", errors: errors)
                FormField.input("currency", label: "Currency", value: form.currency, errors: errors)
                FormField.select("status", label: "Book as", options: [("confirmed", "Confirmed"), ("draft", "Draft (not yet counted)")],
                                 selected: form.status ?? "confirmed", errors: errors)
                Node.p(.class("muted")) { "Leave the unit price empty for the price quoted to this customer while it holds, else the list price." }
                PricedLineForm.table(form.lines ?? [], count: lineCount, errors: errors, products: model.products.map {
                    ($0, label($0, quote: model.quoted[$0.id]))
                })
                quotedPrices(model)
                if let error = errors["lines"] { Node.p(.class("field-error")) { .text("Lines " + error) } }
                FormField.input("priceReason", label: "Why a price differs from a quote the customer holds", value: form.priceReason, errors: errors)
                FormField.textarea("note", label: "Note", value: form.note, errors: errors)
                FormField.otherErrors(errors, shown: Set(["orderDate", "currency", "status", "lines", "note", "priceReason"]).union(
                    errors.keys.filter { $0.hasPrefix("lines[") }))
                Node.button(.type("submit")) { "Book order" }
            }
        }
    }
}
