import CRMCore
import Fluent
import Vapor

/// The price-quote form on an account: the last price quoted for each item is shown beside it, so the new quote
/// agrees with the old one or says why not.
enum QuotePages {
    struct LineForm: Content {
        var productId: String?
        var description: String?
        var quantity: String?
        var unitPrice: String?
        var discountPercent: String?
    }

    struct Form: Content {
        var subject: String?
        var currency: String?
        var validUntil: String?
        var terms: String?
        var deviationReason: String?
        var lines: [LineForm]?
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
        var lines = [QuoteLineInput]()
        for line in form.lines ?? [] {
            let product = line.productId.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
            let description = line.description?.trimmingCharacters(in: .whitespaces)
            guard product != nil || !(description ?? "").isEmpty else { continue }
            let position = lines.count
            var item = QuoteLineInput(productId: product, description: description)
            if let raw = line.quantity?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let quantity = Int(raw) { item.quantity = quantity } else { errors["lines[\(position)].quantity"] = "must be a whole number" }
            }
            if let raw = line.unitPrice?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let minor = MinorUnits.parse(raw, currency: currency) { item.unitPriceMinor = minor } else {
                    errors["lines[\(position)].unitPriceMinor"] = "must be an amount such as 1250.50"
                }
            }
            if let raw = line.discountPercent?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                if let basisPoints = MinorUnits.parse(raw, decimals: 2) { item.discountBasisPoints = Int(basisPoints) } else {
                    errors["lines[\(position)].discountBasisPoints"] = "must be a percentage such as 12.5"
                }
            }
            lines.append(item)
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
        let filled = form.lines ?? []
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
                Node.table {
                    Node.thead { Node.tr { Node.th { "Product" }; Node.th { "or item" }; Node.th { "Quantity" }; Node.th { "Unit price" }; Node.th { "Discount %" } } }
                    Node.tbody {
                        for index in 0..<lineCount {
                            let line = index < filled.count ? filled[index] : LineForm()
                            Node.tr {
                                Node.td {
                                    Node.select(.name("lines[\(index)][productId]"), .aria("label", "Product of line \(index + 1)")) {
                                        Node.option(.value("")) { "—" }
                                        for product in products {
                                            Node.option(.value(product.id.uuidString), .when(line.productId == product.id.uuidString, .selected)) {
                                                .text(product.name + " (" + MinorUnits.display(product.priceMinor, currency: product.currency) + ")")
                                            }
                                        }
                                    }
                                }
                                for (field, key) in [("description", "description"), ("quantity", "quantity"), ("unitPrice", "unitPriceMinor"), ("discountPercent", "discountBasisPoints")] {
                                    Node.td {
                                        Node.void("input", [.type("text"), .name("lines[\(index)][\(field)]"), .value(value(line, field)),
                                                            .aria("label", field + " of line \(index + 1)")])
                                        if let error = errors["lines[\(index)].\(key)"] { Node.p(.class("error")) { .text(error) } }
                                    }
                                }
                            }
                        }
                    }
                }
                if let error = errors["lines"] { Node.p(.class("error")) { .text(error) } }
                FormField.textarea("terms", label: "Terms", value: form.terms, errors: errors)
                FormField.input("deviationReason", label: "Why this price (if it differs from a still-valid quote or is below cost)", value: form.deviationReason, errors: errors)
                Node.button(.type("submit")) { "Save quote" }
            }
        }
    }

    private static func value(_ line: LineForm, _ field: String) -> String {
        switch field {
        case "description": line.description ?? ""
        case "quantity": line.quantity ?? ""
        case "unitPrice": line.unitPrice ?? ""
        default: line.discountPercent ?? ""
        }
    }
}
