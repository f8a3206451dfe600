import Fluent
import Vapor

/// The catalogue pages: everyone reads it; managers and admins keep it (`Role.canKeepCatalogue`).
enum ProductPagesController {
    @Sendable static func list(_ request: Request) async throws -> Response {
        let active = ProductCatalogue.wantsActive(request)
        let page = try await ProductCatalogue.page(active: active, paging: try PageRequest(from: request), on: request.db)
        let model = ProductPages.ListModel(page: page, active: active, canKeepCatalogue: try request.user.role.canKeepCatalogue)
        return ProductPages.list(model, PageContext(request)).response()
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let product = try await ProductStore.load(try request.pathUUID("productID"), on: request.db)
        let model = ProductPages.CardModel(product: ProductDTO(product, tiers: try await MarginTiersStore.load(on: request.db)),
                                           history: try await ProductCatalogue.priceHistory(of: product.requireID(), on: request.db),
                                           canKeepCatalogue: try request.user.role.canKeepCatalogue, timeZone: request.userTimeZone)
        return ProductPages.card(model, PageContext(request)).response()
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        try ProductStore(request).requireManage()
        let form = ProductForm(nil, baseCurrency: request.application.config.baseCurrency)
        return ProductPages.form(.init(form: form, errors: [:], productID: nil, conflict: false), PageContext(request)).response()
    }

    /// Creates the product, or shows the form again with each problem next to its field.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let store = try ProductStore(request)
        try store.requireManage()
        let form = try request.content.decode(ProductForm.self)
        let (input, formErrors) = form.input()
        do {
            guard formErrors.isEmpty else { throw APIError.invalid(formErrors) }
            let product = try await store.create(input)
            return request.redirect(to: Site.product(try product.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity {
            let errors = formErrors.merging(error.fields) { first, _ in first }
            return ProductPages.form(.init(form: form, errors: errors, productID: nil, conflict: false), PageContext(request))
                .response(status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        try ProductStore(request).requireManage()
        let product = try await ProductStore.load(try request.pathUUID("productID"), on: request.db)
        let form = ProductForm(ProductDTO(product, tiers: try await MarginTiersStore.load(on: request.db)), baseCurrency: request.application.config.baseCurrency)
        return ProductPages.form(.init(form: form, errors: [:], productID: product.id, conflict: false), PageContext(request)).response()
    }

    /// Saves the form; a new price or cost joins the history, and a change made meanwhile is reported, not overwritten.
    @Sendable static func update(_ request: Request) async throws -> Response {
        let store = try ProductStore(request)
        try store.requireManage()
        let product = try await ProductStore.load(try request.pathUUID("productID"), on: request.db)
        var form = try request.content.decode(ProductForm.self)
        let (input, formErrors) = form.input()
        do {
            guard formErrors.isEmpty else { throw APIError.invalid(formErrors) }
            try await store.update(product, with: input, expectedVersion: form.version ?? 0)
            return request.redirect(to: Site.product(try product.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity {
            let errors = formErrors.merging(error.fields) { first, _ in first }
            return ProductPages.form(.init(form: form, errors: errors, productID: product.id, conflict: false), PageContext(request))
                .response(status: .unprocessableEntity)
        } catch let error as APIError where error.status == .conflict {
            form.version = try await Product.find(product.id, on: request.db)?.version
            return ProductPages.form(.init(form: form, errors: [:], productID: product.id, conflict: true), PageContext(request))
                .response(status: .conflict)
        }
    }
}
