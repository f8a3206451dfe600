import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct APITokenTests {
    @Test func aTokenFromTheSettingsPageOpensTheAPIUntilRevoked() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("ona@example.lt", name: "Ona Žemaitė")
            let browser = TestBrowser(app)
            try await browser.signIn("ona@example.lt", password)
            try await browser.get("/settings")

            let created = try await browser.post("/settings/tokens", ["name": "phone system"])
            let token = String(try #require(created.body.string.firstMatch(of: /id="new-token">([^<]+)</)?.1))

            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(token))
            #expect(me.status == .ok)
            let dto = try me.content.decode(UsersAPIController.UserDTO.self)
            #expect(dto.name == "Ona Žemaitė")
            #expect(dto.email == "ona@example.lt")

            let stored = try #require(try await APIToken.query(on: app.db).first())
            #expect(stored.tokenHash != token && !stored.tokenHash.contains(token))
            #expect(stored.lastUsedAt != nil)
            // The token is shown once: the settings page never shows it again.
            #expect(!(try await browser.get("/settings")).body.string.contains(token))

            let revoke = try await browser.post("/settings/tokens/\(stored.id!.uuidString)/revoke")
            #expect(revoke.status == .ok)
            let afterRevoke = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(token))
            #expect(afterRevoke.status == .unauthorized)
        }
    }

    @Test func unknownTokensAndMissingHeadersAreUnauthorized() async throws {
        try await withTestApp { app in
            let unknown = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer("crm_made_up"))
            let missing = try await app.testing().sendRequest(.GET, "/api/v1/me")
            #expect(unknown.status == .unauthorized)
            #expect(missing.status == .unauthorized)
        }
    }

    @Test func aUserCannotRevokeSomeoneElsesToken() async throws {
        try await withTestApp { app in
            let (_, token) = try await app.makeTokenUser("owner@example.lt")
            let (_, password) = try await app.makeUser("other@example.lt")
            let stored = try #require(try await APIToken.query(on: app.db).first())
            let browser = TestBrowser(app)
            try await browser.signIn("other@example.lt", password)
            try await browser.get("/settings")

            #expect(try await browser.post("/settings/tokens/\(stored.id!.uuidString)/revoke").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(token)).status == .ok)
        }
    }
}
