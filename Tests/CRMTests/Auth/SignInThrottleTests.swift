import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import CRM

@Suite struct SignInThrottleTests {
    @Test func repeatedFailuresForOneAccountAreSlowedDown() async throws {
        try await withTestApp { app in
            let clock = NIOLockedValueBox(Date(timeIntervalSince1970: 2_000_000_000))
            app.clock = AppClock { clock.withLockedValue { $0 } }
            let (_, password) = try await app.makeUser("ona@example.lt")
            let browser = TestBrowser(app)

            for _ in 1...5 {
                #expect(try await browser.signIn("ona@example.lt", "guess").status == .unauthorized)
            }
            // Even the right password waits now: a guesser must not learn that it was right.
            let blocked = try await browser.signIn("ona@example.lt", password)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: .retryAfter) == "30")
            #expect(blocked.body.string.contains("Too many failed attempts"))

            clock.withLockedValue { $0 += 31 }
            #expect(try await browser.signIn("ona@example.lt", password).status == .seeOther)
        }
    }

    @Test func theWaitGrowsWithEachFurtherFailure() async throws {
        try await withTestApp { app in
            let clock = NIOLockedValueBox(Date(timeIntervalSince1970: 2_000_000_000))
            app.clock = AppClock { clock.withLockedValue { $0 } }
            try await app.makeUser("ona@example.lt")
            let browser = TestBrowser(app)
            for _ in 1...5 { try await browser.signIn("ona@example.lt", "guess") }

            clock.withLockedValue { $0 += 31 }
            #expect(try await browser.signIn("ona@example.lt", "guess again").status == .unauthorized)

            let blocked = try await browser.signIn("ona@example.lt", "guess again")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers.first(name: .retryAfter) == "60")
        }
    }

    @Test func unknownAccountsAreThrottledLikeKnownOnes() async throws {
        try await withTestApp { app in
            let browser = TestBrowser(app)
            for _ in 1...5 { try await browser.signIn("nobody@example.lt", "guess") }
            #expect(try await browser.signIn("nobody@example.lt", "guess").status == .tooManyRequests)
        }
    }

    @Test func oneAddressTryingManyAccountsIsSlowedDown() async throws {
        try await withTestApp { app in
            let browser = TestBrowser(app)
            for attempt in 1...20 {
                let response = try await browser.signIn("user\(attempt)@example.lt", "guess")
                #expect(response.status == .unauthorized)
            }
            let blocked = try await browser.signIn("user21@example.lt", "guess")
            #expect(blocked.status == .tooManyRequests)
        }
    }
}
