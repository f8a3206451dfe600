import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Sign-ins are cached in memory (`AuthCache`); these check that a warm request reads nothing and that every change
/// that takes access away takes effect on the next request, in this process and in another on the same database.
@Suite struct AuthCacheTests {
    private func me(_ app: Application, _ token: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(token))
    }

    @Test func aWarmTokenRequestRunsNoStatement() async throws {
        try await withTestApp { app in
            let (client, _) = try await app.apiClient("ona@example.lt")
            #expect(try await client.send(.GET, "/api/v1/me").status == .ok)
            let (response, statements) = try await client.statements(get: "/api/v1/me")
            #expect(response.status == .ok)
            // The generation is looked at twice a second at most; nothing else is read.
            #expect(statements.filter { !$0.contains(AuthCache.stateTable) } == [])
        }
    }

    @Test func aWarmSessionReadsOnlyItsSession() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("ona@example.lt")
            let browser = TestBrowser(app)
            try await browser.signIn("ona@example.lt", password)
            try await browser.get("/settings")
            let (response, statements) = try await browser.statements(get: "/settings")
            #expect(response.status == .ok)
            #expect(!statements.contains { $0.contains("\"users\"") || $0.contains("`users`") }, "\(statements)")
        }
    }

    @Test func revokingATokenTakesEffectOnTheNextRequest() async throws {
        try await withTestApp { app in
            let (user, password) = try await app.makeUser("ona@example.lt")
            let token = try await TokenIssuer.issue(for: user, name: "phone", on: app.db)
            #expect(try await me(app, token).status == .ok)
            let browser = TestBrowser(app)
            try await browser.signIn("ona@example.lt", password)
            try await browser.get("/settings")
            let id = try #require(try await APIToken.query(on: app.db).first()?.id)
            #expect(try await browser.post("/settings/tokens/\(id)/revoke").status == .ok)
            #expect(try await me(app, token).status == .unauthorized)
        }
    }

    @Test func aChangedRoleAndADisabledUserTakeEffectOnTheNextRequest() async throws {
        try await withTestApp { app in
            let (admin, adminPassword) = try await app.makeUser("admin@example.lt", role: .admin)
            _ = admin
            let (client, user) = try await app.apiClient("ona@example.lt", role: .sales)
            let id = try user.requireID()
            #expect(try await client.decode(UsersAPIController.UserDTO.self, .GET, "/api/v1/me").role == .sales)
            let browser = TestBrowser(app)
            try await browser.signIn("admin@example.lt", adminPassword)
            try await browser.get("/admin/users")
            #expect(try await browser.post("/admin/users/\(id)/role", ["role": "manager"]).status == .seeOther)
            #expect(try await client.decode(UsersAPIController.UserDTO.self, .GET, "/api/v1/me").role == .manager)
            try await browser.get("/admin/users")
            #expect(try await browser.post("/admin/users/\(id)/disable").status == .seeOther)
            #expect(try await client.send(.GET, "/api/v1/me").status == .unauthorized)
        }
    }

    /// A second server on the same database (or `crm` run beside the server) changes a user: the first server
    /// learns of it from the generation within `checkEvery`.
    @Test func aChangeInAnotherProcessTakesEffectThere() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("crm-auth-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await withTestApp(database: isPostgresRun ? nil : .sqliteFile(path: file)) { app in
            let (user, _) = try await app.makeUser("ona@example.lt")
            let token = try await TokenIssuer.issue(for: user, name: "phone", on: app.db)
            #expect(try await me(app, token).status == .ok)

            let other = try await Application.make(.testing)
            try await configure(other, config: app.config)
            let there = try #require(try await User.find(user.requireID(), on: other.db))
            there.isDisabled = true
            try await there.save(on: other.db)
            try await other.asyncShutdown()

            try await Task.sleep(for: .milliseconds(Int64(app.authCache.checkEvery.nanoseconds / 1_000_000) + 100))
            #expect(try await me(app, token).status == .unauthorized)
        }
    }
}
