import CRMCore
import Vapor

/// Revising an order before it ships: its lines as they are, to change, add or remove, and why; the store keeps
/// the revision with who and when.
enum OrderRevisionPage {
    struct Form: Content {
        var version: Int?
        var reason: String?
        var priceReason: String?
        var lines: [PricedLineForm]?
    }

    static func form(of order: OrderDTO, products: [SalesDirectory.ProductFacts]) -> Form {
        Form(version: order.version, lines: order.lines.map {
            PricedLineForm(productID: $0.productId, description: $0.description, quantity: $0.quantity, unitPriceMinor: $0.unitPriceMinor,
                           discountBasisPoints: $0.discountBasisPoints, currency: order.currency, products: products)
        })
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let loaded = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        try OrderStore(request).requireRevise(loaded)
        let order = try await OrderDTO.of(loaded, on: request.db)
        let products = try await SalesDirectory(db: request.db).activeProducts()
        return try await page(request, order, form: form(of: order, products: products), errors: [:]).response()
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let order = try await OrderStore.load(try request.pathUUID("orderID"), on: request.db)
        let form = try request.content.decode(Form.self)
        var errors = [String: String]()
        let products = try await SalesDirectory(db: request.db).activeProducts()
        let lines = PricedLineForm.read(form.lines ?? [], currency: order.currency, products: products, errors: &errors).map(OrderLineInput.init)
        do {
            guard errors.isEmpty else { throw APIError.invalid(errors) }
            try await OrderStore(request).revise(order, OrderRevisionInput(lines: lines, reason: form.reason, priceReason: form.priceReason),
                                                 expectedVersion: form.version ?? order.version)
            return request.redirect(to: Site.order(try order.requireID()) + "#revisions")
        } catch let error as APIError where error.status == .unprocessableEntity || error.status == .conflict {
            let dto = try await OrderDTO.of(order, on: request.db)
            return try await page(request, dto, form: form, errors: errors.merging(error.fields) { first, _ in first })
                .response(status: error.status)
        }
    }

    private static func page(_ request: Request, _ order: OrderDTO, form: Form, errors: [String: String]) async throws -> Node {
        let products = try await SalesDirectory(db: request.db).activeProducts()
        let context = PageContext(request)
        return Layout.page("Revise order #\(order.number)", context) {
            Node.h1 { .text("Revise order #\(order.number)") }
            Node.p(.class("subtitle")) {
                Node.a(.href(Site.account(order.account.id))) { .text(order.account.name) }
                Node.text(" · \(order.orderDate) · \(order.currency) · \(OrderPages.statusLabel(order.status))")
            }
            Node.form(.method("post"), .action(Site.orderRevise(order.id)), .class("record")) {
                context.csrfField
                Node.input(.type("hidden"), .name("version"), .value(String(form.version ?? order.version)))
                Node.p(.class("muted")) { "Change a line, clear a row to remove it, or fill an empty row to add one. Prices are checked against the customer's quotes again." }
                PricedLineForm.table(form.lines ?? [], count: max(NewOrderPage.lineCount, (form.lines ?? []).count + 2), errors: errors,
                                     products: products.map { ($0, MinorUnits.display($0.priceMinor, currency: $0.currency)) })
                if let error = errors["lines"] { Node.p(.class("field-error")) { .text("Lines " + error) } }
                FormField.input("reason", label: "Why the order changes", value: form.reason, errors: errors)
                FormField.input("priceReason", label: "Why a price differs from a quote the customer holds", value: form.priceReason, errors: errors)
                FormField.otherErrors(errors, shown: Set(["lines", "reason", "priceReason"]).union(errors.keys.filter { $0.hasPrefix("lines[") }))
                Node.button(.type("submit")) { "Save the revision" }
            }
        }
    }
}
