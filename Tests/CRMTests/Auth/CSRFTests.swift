import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct CSRFTests {
    @Test func formsWithoutTheTokenAreRejectedAndChangeNothing() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("admin@example.lt", role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn("admin@example.lt", password)
            try await browser.get("/admin/users")
            let form = ["email": "new@example.lt", "name": "New", "role": "sales"]

            let missing = try await browser.post("/admin/users", form, csrf: .some(nil))
            let forged = try await browser.post("/admin/users", form, csrf: "forged-token")

            #expect(missing.status == .forbidden)
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains("did not come from this site"))
            #expect(try await User.query(on: app.db).filter(\.$email == "new@example.lt").count() == 0)
        }
    }

    @Test func theSignInFormNeedsTheTokenToo() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("ona@example.lt")
            let browser = TestBrowser(app)
            try await browser.get("/signin")

            let response = try await browser.post("/signin", ["email": "ona@example.lt", "password": password], csrf: "forged")

            #expect(response.status == .forbidden)
        }
    }
}
