import Testing
import VaporTesting
@testable import CRM

/// The credit limit is a change to the account like any other: its version moves on and its history says so.
@Suite struct CreditLimitTests {
    @Test func settingTheCreditLimitBumpsTheVersionAndIsInTheHistory() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let before = try await fixture.api.decode(AccountDTO.self, .GET, "/api/v1/accounts/\(fixture.delta)")

            _ = try await fixture.api.decode(AccountSales.self, .PUT, "/api/v1/accounts/\(fixture.delta)/credit-limit", json: ["creditLimitMinor": 250_000])
            let stale = try await fixture.api.send(.PATCH, "/api/v1/accounts/\(fixture.delta)", json: ["industry": "Retail"], ifMatch: "\"\(before.version)\"")

            let after = try await fixture.api.decode(AccountDTO.self, .GET, "/api/v1/accounts/\(fixture.delta)")
            #expect(after.version == before.version + 1)
            #expect(stale.status == .conflict, "an edit based on the version before the limit changed is refused")
            let card = try await fixture.api.decode(CustomerCards.AccountCard.self, .GET, "/api/v1/accounts/\(fixture.delta)/card")
            #expect(card.history.contains { $0.kind == "credit_limit" && $0.summary == "Credit limit changed from none to 2,500.00 EUR" })
            let described = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json").body.string
            #expect(described.contains(#""credit_limit""#), "the API description names the new kind of history entry")
        }
    }
}
