import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct UserAdminTests {
    func signedInAdmin(_ app: Application) async throws -> TestBrowser {
        let (_, password) = try await app.makeUser("admin@example.lt", role: .admin)
        let browser = TestBrowser(app)
        try await browser.signIn("admin@example.lt", password)
        try await browser.get("/admin/users")
        return browser
    }

    @Test(arguments: [Role.manager, .sales, .service])
    func onlyAdminsOpenUserAdmin(role: Role) async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("someone@example.lt", role: role)
            let browser = TestBrowser(app)
            try await browser.signIn("someone@example.lt", password)
            try await browser.get("/")

            #expect(try await browser.get("/admin/users").status == .forbidden)
            #expect(try await browser.post("/admin/users", ["email": "x@example.lt", "name": "X", "role": "admin"]).status == .forbidden)
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test func anAdminCreatesAUserWhoCanSignInWithTheShownPassword() async throws {
        try await withTestApp { app in
            let browser = try await signedInAdmin(app)

            let response = try await browser.post("/admin/users", ["email": "thandi@example.co.za", "name": "Thandi Nkosi", "role": "service", "timeZone": "Africa/Johannesburg"])

            #expect(response.status == .created)
            let body = response.body.string
            let password = try #require(body.firstMatch(of: /id="revealed-password">([^<]+)</)?.1)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "thandi@example.co.za").first())
            #expect(user.role == .service)
            #expect(user.timeZone == "Africa/Johannesburg")
            #expect(try await TestBrowser(app).signIn("thandi@example.co.za", String(password)).status == .seeOther)
        }
    }

    @Test func badFieldsAreShownNextToTheFieldAndNothingIsStored() async throws {
        try await withTestApp { app in
            let browser = try await signedInAdmin(app)

            let response = try await browser.post("/admin/users", ["email": "not-an-email", "name": " ", "role": "boss"])

            #expect(response.status == .unprocessableEntity)
            let body = response.body.string
            #expect(body.contains(#"id="field-email-error">must be a valid email address"#))
            #expect(body.contains(#"id="field-name-error">must not be empty"#))
            #expect(body.contains(#"id="field-role-error">must be one of admin, manager, sales, service"#))
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test func aTakenEmailIsRefused() async throws {
        try await withTestApp { app in
            let browser = try await signedInAdmin(app)
            let response = try await browser.post("/admin/users", ["email": "ADMIN@example.lt", "name": "Twin", "role": "sales"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("is already used by another user"))
        }
    }

    @Test func anAdminChangesRolesDisablesAndResetsPasswords() async throws {
        try await withTestApp { app in
            let (user, oldPassword) = try await app.makeUser("sipho@example.co.za", role: .sales)
            let browser = try await signedInAdmin(app)
            let id = try user.requireID().uuidString

            #expect(try await browser.post("/admin/users/\(id)/role", ["role": "manager"]).status == .seeOther)
            #expect(try await User.find(user.id, on: app.db)?.role == .manager)

            #expect(try await browser.post("/admin/users/\(id)/disable").status == .seeOther)
            #expect(try await User.find(user.id, on: app.db)?.isDisabled == true)
            #expect(try await browser.post("/admin/users/\(id)/enable").status == .seeOther)
            #expect(try await User.find(user.id, on: app.db)?.isDisabled == false)

            let reset = try await browser.post("/admin/users/\(id)/reset-password")
            let newPassword = try #require(reset.body.string.firstMatch(of: /id="revealed-password">([^<]+)</)?.1)
            #expect(try await TestBrowser(app).signIn("sipho@example.co.za", oldPassword).status == .unauthorized)
            #expect(try await TestBrowser(app).signIn("sipho@example.co.za", String(newPassword)).status == .seeOther)
        }
    }

    @Test func anAdminCannotLockThemselvesOut() async throws {
        try await withTestApp { app in
            let browser = try await signedInAdmin(app)
            let me = try #require(try await User.query(on: app.db).first())

            #expect(try await browser.post("/admin/users/\(me.id!.uuidString)/disable").status == .conflict)
            #expect(try await browser.post("/admin/users/\(me.id!.uuidString)/role", ["role": "sales"]).status == .conflict)
            #expect(try await User.find(me.id, on: app.db)?.role == .admin)
        }
    }
}
