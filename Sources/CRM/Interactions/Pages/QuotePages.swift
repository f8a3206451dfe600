import CRMCore
import Fluent
import Vapor

/// The price-quote form on an account: the last price quoted for each item is shown beside it, so the new quote
/// agrees with the old one or says why not.
enum QuotePages {
    struct Form: Content {
        var subject: String?
        var currency: String?
        var validUntil: String?
        var terms: String?
        var deviationReason: String?
        var lines: [PricedLineForm]?
    }

    static let lineCount = 5

    @Sendable static func new(_ request: Request) async throws -> Response {
        let account = try await account(request)
        let form = Form(currency: request.application.config.baseCurrency, lines: [])
        return try await page(request, account: account, form: form, errors: [:]).response()
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let account = try await account(request)
        let form = try request.content.decode(Form.self)
        var errors = [String: String]()
        var input = InteractionInput()
        input.kind = InteractionKind.quote.rawValue
        input.accountId = account.id
        input.subject = form.subject
        input.currency = form.currency
        input.validUntil = form.validUntil
        input.terms = form.terms
        input.deviationReason = form.deviationReason
        let currency = (form.currency ?? request.application.config.baseCurrency).uppercased()
        let products = try await SalesDirectory(db: request.db).activeProducts()
        let lines = PricedLineForm.read(form.lines ?? [], currency: currency, products: products, errors: &errors).map {
            QuoteLineInput(productId: $0.productID, description: $0.description, quantity: $0.quantity.map { Int(clamping: $0) },
                           unitPriceMinor: $0.unitPriceMinor, discountBasisPoints: $0.discountBasisPoints.map { Int(clamping: $0) })
        }
        input.lines = lines
        do {
            guard errors.isEmpty else { throw APIError.invalid(errors) }
            _ = try await InteractionStore(request).create(input)
            return request.redirect(to: Site.account(account.id) + "#quoted-prices")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await page(request, account: account, form: form, errors: errors.merging(error.fields) { first, _ in first })
                .response(status: .unprocessableEntity)
        }
    }

    private static func account(_ request: Request) async throws -> CustomerDirectory.AccountFacts {
        try await CustomerDirectory(db: request.db).requireAccount(try request.pathUUID("accountID"))
    }

    private static func page(_ request: Request, account: CustomerDirectory.AccountFacts, form: Form, errors: [String: String]) async throws -> Node {
        let context = PageContext(request)
        let products = try await SalesDirectory(db: request.db).activeProducts()
        let quoted = try await QuotedPrices.all(accountID: account.id, limit: 20, on: request.db)
        let timeZone = request.userTimeZone
        return Layout.page("New quote", context) {
            Node.h1 { .text("Price quote for " + account.name) }
            if !quoted.isEmpty {
                Node.section(.class("card")) {
                    Node.h2 { "Last quoted to this customer" }
                    Node.ul {
                        for line in quoted {
                            Node.li {
                                Node.text(line.description + ": " + MinorUnits.display(line.netUnitMinor, currency: line.currency))
                                Node.span(.class("muted")) {
                                    Node.text(" — ")
                                    DateText.node(line.quotedAt, timeZone: timeZone)
                                    Node.text(" by " + (line.quotedBy?.name ?? "a former user") + (line.validUntil.map { ", valid until " + $0 } ?? ""))
                                }
                            }
                        }
                    }
                }
            }
            if let reason = errors["deviationReason"] { Node.p(.class("error")) { .text("A reason " + reason.replacingOccurrences(of: "is required: ", with: "is needed: ")) } }
            Node.form(.method("post"), .action(Site.accountQuote(account.id)), .class("record")) {
                context.csrfField
                FormField.input("subject", label: "Subject", value: form.subject, errors: errors)
                FormField.input("currency", label: "Currency", value: form.currency, errors: errors)
                FormField.input("validUntil", label: "Valid until", value: form.validUntil, type: "date", errors: errors,
                                extra: [Attribute("min", CalendarDate.today(at: request.now).description)])
                PricedLineForm.table(form.lines ?? [], count: lineCount, errors: errors, products: products.map {
                    ($0, MinorUnits.display($0.priceMinor, currency: $0.currency))
                })
                if let error = errors["lines"] { Node.p(.class("error")) { .text(error) } }
                FormField.textarea("terms", label: "Terms", value: form.terms, errors: errors)
                FormField.input("deviationReason", label: "Why this price (if it differs from a still-valid quote or is below cost)", value: form.deviationReason, errors: errors)
                Node.button(.type("submit")) { "Save quote" }
            }
        }
    }
}
