import CRMCore
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Every list pages one way (`Keyset`): these check the lists that merge tables or were paged differently before.
@Suite struct KeysetPagingTests {
    @Test func aTimelineMergingInteractionsChangesOrdersAndDealsPagesEachEntryOnce() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let api = fixture.api
            _ = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "note", "accountId": fixture.alpha.uuidString, "subject": "Visited", "occurredAt": "2026-11-02T10:00:00Z",
            ])
            _ = try await api.create(OpportunityDTO.self, "/api/v1/opportunities", json: [
                "accountId": fixture.alpha.uuidString, "name": "Renewal", "amountMinor": 1000, "expectedClose": "2027-01-31",
            ])
            let whole = try await api.decode(InteractionsAPITests.Page.self, .GET, "/api/v1/accounts/\(fixture.alpha)/timeline?limit=200")
            #expect(Set(whole.items.map(\.type)).isSuperset(of: ["note", "change", "order", "deal"]))

            var paged: [UUID] = []
            var cursor: String?
            repeat {
                let page = try await api.decode(InteractionsAPITests.Page.self, .GET,
                                                "/api/v1/accounts/\(fixture.alpha)/timeline?limit=1" + (cursor.map { "&cursor=" + $0 } ?? ""))
                paged += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil && paged.count <= whole.items.count
            #expect(paged == whole.items.map(\.id))
        }
    }

    @Test func aCursorPointingIntoATableTheListDoesNotReadIsRefused() async throws {
        try await withTestApp { app in
            let (api, user) = try await app.apiClient("seller@example.com")
            let account = try await api.createAccount(["name": "Cursor Ltd"])
            let foreign = PageCursor(key: "users", id: try user.requireID().uuidString).encoded
            let refused = try await api.send(.GET, "/api/v1/accounts/\(account.id)/timeline?cursor=\(foreign)")
            let fields = try ErrorBody.of(refused).fields
            #expect(refused.status == .badRequest && fields?["cursor"] != nil)
            #expect(try await api.send(.GET, "/api/v1/accounts?cursor=\(foreign)").status == .badRequest)
        }
    }

    @Test func theUnmatchedMailPageShowsEveryEmailPageByPage() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("seller@example.com")
            for index in 1...3 {
                let mail = MailIngestTests.message(id: "u\(index)@elsewhere.example", from: "who\(index)@unknown.example",
                                                   to: "nobody@ourcompany.example", subject: "Lost mail \(index)")
                #expect(try await api.send(.POST, "/api/v1/mail/inbound", raw: mail).status == .created)
            }
            let (_, password) = try await app.makeUser("reader@example.com", role: .sales)
            let browser = TestBrowser(app)
            try await browser.signIn("reader@example.com", password)
            let first = try await browser.get("/mail/unmatched?limit=2")
            let next = try #require(first.body.string.firstMatch(of: /href="(\/mail\/unmatched\?cursor=[^"]+)" [^>]*rel="next"/)?.1)
            let second = try await browser.get(String(next).replacingOccurrences(of: "&amp;", with: "&"))
            let subjects = (1...3).filter { first.body.string.contains("Lost mail \($0)") || second.body.string.contains("Lost mail \($0)") }
            #expect(subjects == [1, 2, 3])
            #expect(!second.body.string.contains("rel=\"next\""))
        }
    }
}
