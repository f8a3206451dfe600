import Testing
import VaporTesting
@testable import CRM

@Suite struct SecretsInLogsTests {
    @Test func passwordsTokensAndSessionIdsNeverReachTheLog() async throws {
        try await withTestApp { app in
            let (user, password) = try await app.makeUser("ona@example.lt")
            let token = try await TokenIssuer.issue(for: user, name: "phone", on: app.db)
            let browser = TestBrowser(app)
            try await browser.signIn("ona@example.lt", "wrong password here")
            try await browser.signIn("ona@example.lt", password)
            try await browser.get("/settings")
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(token))
            #expect(me.status == .ok)
            let sessionID = try #require(browser.sessionID)

            let log = TestLog.all
            #expect(!log.isEmpty)
            #expect(!log.contains(password))
            #expect(!log.contains("wrong password here"))
            #expect(!log.contains(token))
            #expect(!log.contains(sessionID))
        }
    }
}
