import Testing
import VaporTesting
@testable import CRM

@Suite struct DisabledUserTests {
    @Test func aDisabledUserCannotSignIn() async throws {
        try await withTestApp { app in
            let (user, password) = try await app.makeUser("ona@example.lt")
            user.isDisabled = true
            try await user.save(on: app.db)

            let response = try await TestBrowser(app).signIn("ona@example.lt", password)

            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("disabled"))
        }
    }

    @Test func disablingEndsSessionsAndTokensAtOnce() async throws {
        try await withTestApp { app in
            let (user, password) = try await app.makeUser("ona@example.lt")
            let token = try await TokenIssuer.issue(for: user, name: "phone", on: app.db)
            let browser = TestBrowser(app)
            try await browser.signIn("ona@example.lt", password)
            #expect(try await browser.get("/").status == .ok)

            user.isDisabled = true
            try await user.save(on: app.db)

            #expect(try await browser.get("/").status == .seeOther)
            let api = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(token))
            #expect(api.status == .unauthorized)
        }
    }
}
