import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct SettingsTests {
    @Test func aUserChangesTheirPassword() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("ona@example.lt")
            let browser = TestBrowser(app)
            try await browser.signIn("ona@example.lt", password)
            try await browser.get("/settings")

            let wrong = try await browser.post("/settings/password", ["currentPassword": "nope", "newPassword": "a long new passphrase"])
            #expect(wrong.status == .unprocessableEntity)
            let short = try await browser.post("/settings/password", ["currentPassword": password, "newPassword": "short"])
            #expect(short.body.string.contains("must be at least 10 characters"))
            let changed = try await browser.post("/settings/password", ["currentPassword": password, "newPassword": "a long new passphrase"])
            #expect(changed.status == .ok)

            #expect(try await TestBrowser(app).signIn("ona@example.lt", "a long new passphrase").status == .seeOther)
        }
    }
}
