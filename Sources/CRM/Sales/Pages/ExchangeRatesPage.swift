import CRMCore
import Vapor

/// Exchange rates to the base currency: everyone sees them; admins record a rate, or remove one recorded by mistake
/// (`Role.canRecordExchangeRates`).
enum ExchangeRatesPage {
    @Sendable static func show(_ request: Request) async throws -> Response {
        try await page(request, form: ExchangeRates.Input(), errors: [:], notice: nil).response()
    }

    @Sendable static func record(_ request: Request) async throws -> Response {
        let actor = try request.requireRole(\.canRecordExchangeRates)
        let form = try request.content.decode(ExchangeRates.Input.self)
        do {
            let rate = try await ExchangeRates.record(form, by: actor, base: request.application.config.baseCurrency, on: request.db)
            return try await page(request, form: ExchangeRates.Input(), errors: [:], notice: "Rate for \(rate.currency) from \(rate.validFrom) recorded.").response()
        } catch let error as APIError where error.status == .unprocessableEntity || error.status == .conflict {
            return try await page(request, form: form, errors: error.fields, notice: nil).response(status: error.status)
        }
    }

    struct RemoveForm: Content {
        var currency: String?
        var validFrom: String?
    }

    @Sendable static func remove(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canRecordExchangeRates)
        let form = try request.content.decode(RemoveForm.self)
        try await ExchangeRates.remove(currency: form.currency ?? "", validFrom: form.validFrom ?? "", on: request.db)
        return try await page(request, form: ExchangeRates.Input(), errors: [:],
                              notice: "Rate for \(form.currency ?? "") from \(form.validFrom ?? "") removed.").response()
    }

    private static func page(_ request: Request, form: ExchangeRates.Input, errors: [String: String], notice: String?) async throws -> Node {
        let canEdit = try request.user.role.canRecordExchangeRates
        let rates = try await ExchangeRates.all(on: request.db)
        let base = request.application.config.baseCurrency
        let context = PageContext(request, notice: notice)
        return Layout.page("Exchange rates", context) {
            Node.h1 { .text("Exchange rates to \(base)") }
            Node.p(.class("muted")) { .text("An order in another currency is converted at the rate valid on its date: the latest recorded on or before it. Booked orders keep their converted amounts.") }
            if canEdit {
                Node.form(.method("post"), .action(Site.exchangeRates()), .class("filters card")) {
                    context.csrfField
                    FormField.input("currency", label: "Currency", value: form.currency, errors: errors)
                    FormField.input("validFrom", label: "Valid from", value: form.validFrom, type: "date", errors: errors)
                    FormField.input("rate", label: "\(base) per unit", value: form.rate, errors: errors, extra: [Attribute("inputmode", "decimal")])
                    Node.button(.type("submit")) { "Record rate" }
                }
            }
            if rates.isEmpty { Node.p(.class("muted")) { "No rates recorded." } }
            Node.table(.class("list figures")) {
                Node.thead { Node.tr { Node.th { "Currency" }; Node.th { "Valid from" }; Node.th { .text("\(base) per unit") }; if canEdit { Node.th { "" } } } }
                Node.tbody {
                    for rate in rates {
                        Node.tr {
                            Node.td { .text(rate.currency) }
                            Node.td { .text(rate.validFrom) }
                            Node.td(.class("number")) { .text(rate.rate) }
                            if canEdit {
                                Node.td {
                                    Node.form(.method("post"), .action(Site.exchangeRateRemove()), .class("inline")) {
                                        context.csrfField
                                        Node.input(.type("hidden"), .name("currency"), .value(rate.currency))
                                        Node.input(.type("hidden"), .name("validFrom"), .value(rate.validFrom))
                                        Node.button(.type("submit"), .class("secondary")) { "Remove" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
