import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import CRM

@Suite struct SignInTests {
    @Test func theRightPasswordOpensTheHomePage() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("ona@example.lt", name: "Ona Žemaitė")
            let browser = TestBrowser(app)

            let response = try await browser.signIn("Ona@Example.LT", password)

            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/")
            let cookie = try #require(response.headers.first(name: .setCookie))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Welcome, Ona Žemaitė"))
        }
    }

    @Test func pagesSendVisitorsToSignInAndBackAfterwards() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("ona@example.lt")
            let browser = TestBrowser(app)

            let redirect = try await browser.get("/settings")
            #expect(redirect.status == .seeOther)
            #expect(redirect.headers.first(name: .location) == "/signin?next=%2Fsettings")

            try await browser.get("/signin?next=%2Fsettings")
            let response = try await browser.post("/signin", ["email": "ona@example.lt", "password": password, "next": "/settings"])
            #expect(response.headers.first(name: .location) == "/settings")
        }
    }

    @Test func redirectsAfterSignInStayOnThisSite() {
        #expect(LocalPath.checked("/settings") == "/settings")
        #expect(LocalPath.checked("//evil.example") == nil)
        #expect(LocalPath.checked("https://evil.example") == nil)
        #expect(LocalPath.checked("/\\evil.example") == nil)
    }

    @Test func unknownUserAndWrongPasswordGetTheSameAnswer() async throws {
        try await withTestApp { app in
            try await app.makeUser("ona@example.lt")
            let browser = TestBrowser(app)

            let wrongPassword = try await browser.signIn("ona@example.lt", "not-the-password")
            let wrongPasswordBody = wrongPassword.body.string
            let unknownUser = try await browser.signIn("nobody@example.lt", "not-the-password")

            #expect(wrongPassword.status == .unauthorized)
            #expect(unknownUser.status == .unauthorized)
            #expect(wrongPasswordBody.contains(SignInController.wrongCredentials))
            #expect(unknownUser.body.string.contains(SignInController.wrongCredentials))
            #expect(browser.cookie != nil)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func theSessionIdChangesOnSignInAndSignOut() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("ona@example.lt")
            let browser = TestBrowser(app)
            try await browser.get("/signin")
            let anonymous = try #require(browser.sessionID)

            try await browser.post("/signin", ["email": "ona@example.lt", "password": password])
            let signedIn = try #require(browser.sessionID)
            #expect(signedIn != anonymous)

            try await browser.get("/")
            let signOut = try await browser.post("/signout")
            #expect(signOut.headers.first(name: .location) == "/signin")
            #expect(browser.sessionID != signedIn)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }
}

@Suite struct SessionExpiryTests {
    @Test func sessionsSlideWhileUsedAndExpireWhenIdle() async throws {
        try await withTestApp { app in
            let clock = NIOLockedValueBox(Date(timeIntervalSince1970: 2_000_000_000))
            app.clock = AppClock { clock.withLockedValue { $0 } }
            let (_, password) = try await app.makeUser("ona@example.lt")
            let browser = TestBrowser(app)
            try await browser.signIn("ona@example.lt", password)

            for _ in 1...3 {
                clock.withLockedValue { $0 += 11 * 3_600 }
                #expect(try await browser.get("/").status == .ok)
            }
            clock.withLockedValue { $0 += 13 * 3_600 }
            #expect(try await browser.get("/").status == .seeOther)
        }
    }
}
