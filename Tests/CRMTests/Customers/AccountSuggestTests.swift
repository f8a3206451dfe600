import Foundation
import Testing
import VaporTesting
@testable import CRM

/// The account pickers' type-ahead: names (or a word of them) starting with what was typed, active accounts only.
@Suite struct AccountSuggestTests {
    @Test func namesStartingWithWhatWasTypedAreOffered() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("typist@example.com")
            for name in ["Alpha Foods", "Alpine Dairy", "Beta Alpaca Wool", "Gamma"] { _ = try await api.createAccount(["name": name]) }
            let archived = try await api.createAccount(["name": "Alpaca Archive"])
            #expect(try await api.send(.POST, "/api/v1/accounts/\(archived.id)/archive").status == .ok)

            let hits = try await api.decode([CustomerSearch.Hit].self, .GET, "/api/v1/accounts/suggest?q=alp")
            #expect(Set(hits.map(\.name)) == ["Alpha Foods", "Alpine Dairy", "Beta Alpaca Wool"])
            #expect(hits.allSatisfy { $0.type == "account" })
            #expect(try await api.decode([CustomerSearch.Hit].self, .GET, "/api/v1/accounts/suggest?q=ALPI").map(\.name) == ["Alpine Dairy"])
            #expect(try await api.decode([CustomerSearch.Hit].self, .GET, "/api/v1/accounts/suggest?q=alp&limit=1").count == 1)
            let missing = try await api.send(.GET, "/api/v1/accounts/suggest")
            #expect(missing.status == .badRequest && missing.body.string.contains("\"q\""))
            #expect(try await api.send(.GET, "/api/v1/accounts/suggest?q=a&limit=500").status == .badRequest)

            // The forms ask the same question with the session, and list no names of their own.
            let (_, password) = try await app.makeUser("pages@example.com", role: .sales)
            let browser = TestBrowser(app)
            try await browser.signIn("pages@example.com", password)
            let fromPage = try await browser.get("/accounts/suggest?q=gam")
            #expect(fromPage.status == .ok && fromPage.body.string.contains("\"name\":\"Gamma\""))
            let form = try await browser.get("/contacts/new").body.string
            #expect(form.contains(#"data-suggest="/accounts/suggest""#) && form.contains(#"<datalist id="account-names"></datalist>"#))
            #expect(form.contains(TypeAheadScript.script.path))
            let script = try await app.testing().sendRequest(.GET, TypeAheadScript.script.path)
            #expect(script.status == .ok && script.body.string.contains("data-suggest"))
        }
    }
}
