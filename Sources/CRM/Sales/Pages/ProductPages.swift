import CRMCore
import Foundation

/// The product catalogue's pages: the list, one product with its price history, and the form.
enum ProductPages {
    struct ListModel {
        let page: ListPage<ProductDTO>
        let active: Bool
        let canKeepCatalogue: Bool
    }

    struct CardModel {
        let product: ProductDTO
        let history: [ProductCatalogue.PriceChangeDTO]
        let canKeepCatalogue: Bool
        let timeZone: String
    }

    struct FormModel {
        let form: ProductForm
        let errors: [String: String]
        let productID: UUID?
        let conflict: Bool
    }

    static func margin(_ basisPoints: Int64?) -> String {
        basisPoints.map { MinorUnits.plain($0, decimals: 2) + " %" } ?? "—"
    }

    static func list(_ model: ListModel, _ context: PageContext) -> Node {
        Layout.page("Products", context) {
            Node.div(.class("title-row")) {
                Node.h1 { .text(model.active ? "Products" : "Retired products") }
                if model.canKeepCatalogue { Node.a(.href(Site.productNew()), .class("button")) { "New product" } }
                Node.a(.href(Site.marginTiers()), .class("button secondary")) { "Margin tiers" }
                Node.a(.href(Site.exchangeRates()), .class("button secondary")) { "Exchange rates" }
                if context.role?.canImport == true { Node.a(.href(Site.salesImport()), .class("button secondary")) { "Import from CSV" } }
                Node.a(.href(model.active ? Site.products() + "?active=false" : Site.products()), .class("button secondary")) {
                    .text(model.active ? "Retired products" : "Products on sale")
                }
            }
            if model.page.items.isEmpty { Node.p(.class("muted")) { "No products." } }
            Node.table(.class("list figures")) {
                Node.thead {
                    Node.tr {
                        Node.th { "SKU" }; Node.th { "Name" }; Node.th { "Unit" }; Node.th { "Price" }; Node.th { "Cost" }
                        Node.th { "Margin" }; Node.th { "Margin tier" }
                    }
                }
                Node.tbody {
                    for product in model.page.items {
                        Node.tr {
                            Node.td { Node.code { .text(product.sku) } }
                            Node.td { Node.a(.href(Site.product(product.id))) { .text(product.name) } }
                            Node.td { .text(product.unit) }
                            Node.td(.class("number")) { .text(MinorUnits.display(product.priceMinor, currency: product.currency)) }
                            Node.td(.class("number")) { .text(MinorUnits.display(product.costMinor, currency: product.currency)) }
                            Node.td(.class("number")) { .text(margin(product.marginBasisPoints)) }
                            Node.td { Node.span(.class("tag")) { .text(product.marginTier) } }
                        }
                    }
                }
            }
            NextPageLink.node(Site.products(), query: model.active ? [:] : ["active": "false"], nextCursor: model.page.nextCursor)
        }
    }

    static func card(_ model: CardModel, _ context: PageContext) -> Node {
        let product = model.product
        return Layout.page(product.name, context) {
            Node.div(.class("title-row")) {
                Node.h1 { .text(product.name) }
                if model.canKeepCatalogue { Node.a(.href(Site.productEdit(product.id)), .class("button")) { "Edit" } }
            }
            Node.p(.class("subtitle")) {
                Node.code { .text(product.sku) }
                Node.text(" · per " + product.unit + (product.isActive ? "" : " · retired"))
            }
            Node.section(.class("card")) {
                Node.dl {
                    Node.dt { "List price" }; Node.dd { .text(MinorUnits.display(product.priceMinor, currency: product.currency)) }
                    Node.dt { "Cost" }; Node.dd { .text(MinorUnits.display(product.costMinor, currency: product.currency)) }
                    Node.dt { "Margin" }; Node.dd { .text(margin(product.marginBasisPoints)) }
                    Node.dt { "Margin tier" }; Node.dd { Node.span(.class("tag")) { .text(product.marginTier) } }
                    if let description = product.description { Node.dt { "Description" }; Node.dd(.class("prose")) { .text(description) } }
                }
            }
            Node.section(.class("card"), .id("price-history")) {
                Node.h2 { "Price and cost history" }
                Node.table(.class("list figures")) {
                    Node.thead { Node.tr { Node.th { "Since" }; Node.th { "Price" }; Node.th { "Cost" }; Node.th { "Margin" } } }
                    Node.tbody {
                        for change in model.history {
                            Node.tr {
                                Node.td { DateText.node(change.changedAt, timeZone: model.timeZone) }
                                Node.td(.class("number")) { .text(MinorUnits.display(change.priceMinor, currency: product.currency)) }
                                Node.td(.class("number")) { .text(MinorUnits.display(change.costMinor, currency: product.currency)) }
                                Node.td(.class("number")) { .text(margin(change.marginBasisPoints)) }
                            }
                        }
                    }
                }
            }
        }
    }

    static func form(_ model: FormModel, _ context: PageContext) -> Node {
        let form = model.form, errors = model.errors
        let editing = model.productID != nil
        return Layout.page(editing ? "Edit product" : "New product", context) {
            Node.h1 { .text(editing ? "Edit " + (form.name ?? "product") : "New product") }
            if model.conflict {
                Node.p(.class("alert")) { "Someone changed this product after you opened it. The form shows your changes; save again to keep them." }
            }
            Node.form(.method("post"), .action(model.productID.map { Site.productEdit($0) } ?? Site.productNew()), .class("record")) {
                context.csrfField
                Node.input(.type("hidden"), .name("version"), .value(form.version.map(String.init) ?? ""))
                FormField.input("sku", label: "SKU", value: form.sku, errors: errors)
                FormField.input("name", label: "Name", value: form.name, errors: errors)
                FormField.textarea("description", label: "Description", value: form.description, errors: errors)
                FormField.input("unit", label: "Unit", value: form.unit, errors: errors)
                FormField.input("price", label: "List price", value: form.price, errors: errors, errorKey: "priceMinor",
                                extra: [Attribute("inputmode", "decimal")])
                FormField.input("cost", label: "Cost of one unit", value: form.cost, errors: errors, errorKey: "costMinor",
                                extra: [Attribute("inputmode", "decimal")])
                FormField.input("currency", label: "Currency", value: form.currency, errors: errors)
                FormField.select("isActive", label: "On sale", options: [("true", "Yes"), ("false", "No, retired")], selected: form.isActive)
                FormField.otherErrors(errors, shown: ["sku", "name", "description", "unit", "priceMinor", "costMinor", "currency", "version"])
                Node.button(.type("submit")) { .text(editing ? "Save" : "Create product") }
            }
        }
    }
}
