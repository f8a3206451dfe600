import Fluent
import Testing
import VaporTesting
@testable import CRM

/// What an interaction must say before it is stored: no blank timeline entries, no quotes that have already
/// expired, and a reason for a price below cost.
@Suite struct InteractionInputRulesTests {
    @Test func anInteractionWithoutSubjectBodyOrOutcomeIsRefusedNamingTheField() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("eva@example.com")
            let contact = try await api.createContact(["givenName": "Lena"])

            let blank = try await api.send(.POST, "/api/v1/interactions", json: ["kind": "call", "direction": "outbound", "contactIds": [contact.id.uuidString]])
            let spaces = try await api.send(.POST, "/api/v1/interactions", json: ["kind": "note", "contactIds": [contact.id.uuidString], "subject": "  ", "body": "\n"])
            let outcomeOnly = try await api.send(.POST, "/api/v1/interactions", json: ["kind": "call", "direction": "inbound", "contactIds": [contact.id.uuidString], "outcome": "Wants a visit"])

            #expect(blank.status == .unprocessableEntity)
            #expect(try ErrorBody.of(blank).fields?["subject"]?.contains("give a subject, what was said or the outcome") == true)
            #expect(spaces.status == .unprocessableEntity)
            #expect(outcomeOnly.status == .created)
            #expect(try await Interaction.query(on: app.db).count() == 1)
        }
    }

    @Test func theLogFormRefusesAnEmptyInteraction() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("owner@example.com")
            let contact = try await api.createContact(["givenName": "Lena"])
            let (_, password) = try await app.makeUser("eva@example.com")
            let browser = TestBrowser(app)
            try await browser.signIn("eva@example.com", password)
            _ = try await browser.get("/contacts/\(contact.id)/interactions/new")

            let response = try await browser.post("/contacts/\(contact.id)/interactions/new", ["kind": "call", "direction": "outbound"])

            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("give a subject, what was said or the outcome"))
            #expect(try await Interaction.query(on: app.db).count() == 0)
        }
    }

    @Test func aQuoteCannotExpireBeforeItIsGiven() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let quote: [String: Any] = ["kind": "quote", "accountId": fixture.alpha.uuidString, "lines": [["productId": fixture.widget.uuidString]]]

            let past = try await fixture.api.send(.POST, "/api/v1/interactions", json: quote.merging(["validUntil": "2026-11-24"]) { $1 })
            let today = try await fixture.api.send(.POST, "/api/v1/interactions", json: quote.merging(["validUntil": "2026-11-25"]) { $1 })

            #expect(past.status == .unprocessableEntity)
            #expect(try ErrorBody.of(past).fields?["validUntil"] == "must be today (2026-11-25) or later: a quote cannot expire before it is given")
            #expect(today.status == .created)
        }
    }

    /// Found by schemathesis: a price this large overflowed the net-price arithmetic and stopped the server.
    @Test func quoteAmountsTooLargeToComputeAreRefusedNotACrash() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let lines: [[String: Any]] = [["description": "Huge", "unitPriceMinor": 3_446_697_328_517_439],
                                          ["description": "Many", "unitPriceMinor": 457_001_580_470, "quantity": 10_010_366]]
            let refused = try await fixture.api.send(.POST, "/api/v1/interactions", json: ["kind": "quote", "accountId": fixture.alpha.uuidString, "lines": lines])
            #expect(refused.status == .unprocessableEntity)
            let fields = try ErrorBody.of(refused).fields ?? [:]
            #expect(fields["lines[0].unitPriceMinor"] == "amounts are too large" && fields["lines[1].unitPriceMinor"] == "amounts are too large")
        }
    }

    @Test func aPriceBelowCostNeedsAReason() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            // Widget: list price 100.00, cost 50.00 EUR.
            let line: [String: Any] = ["productId": fixture.widget.uuidString, "unitPriceMinor": 150]
            let quote: [String: Any] = ["kind": "quote", "accountId": fixture.beta.uuidString, "lines": [line]]

            let refused = try await fixture.api.send(.POST, "/api/v1/interactions", json: quote)
            let discounted = try await fixture.api.send(.POST, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": fixture.gamma.uuidString, "lines": [["productId": fixture.widget.uuidString, "discountBasisPoints": 6_000]],
            ])
            let explained = try await fixture.api.send(.POST, "/api/v1/interactions", json: quote.merging(["deviationReason": "Clearance of old stock"]) { $1 })
            let atCost = try await fixture.api.send(.POST, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": fixture.delta.uuidString, "lines": [["productId": fixture.widget.uuidString, "unitPriceMinor": 5_000]],
            ])

            #expect(refused.status == .unprocessableEntity)
            #expect(try ErrorBody.of(refused).fields?["deviationReason"] == "is required: line 1 (Widget) at 1.50 EUR is below its cost of 50.00 EUR")
            #expect(discounted.status == .unprocessableEntity, "40.00 after the discount is below cost too")
            #expect(explained.status == .created)
            #expect(atCost.status == .created, "selling at cost is not below it")
        }
    }
}
