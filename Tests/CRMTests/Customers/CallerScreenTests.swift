import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// The caller screen is the screen for the call: who is calling and what is going on with them, and the call
/// logged from it in one step. The account card and a deal log interactions too.
@Suite struct CallerScreenTests {
    @Test func theCallerScreenShowsWhatIsGoingOnAndLogsTheCall() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            app.config.defaultCountry = "LT"
            let api = fixture.api
            let contact = try await api.createContact(["givenName": "Ona", "familyName": "Petraitė", "accountId": fixture.alpha.uuidString,
                                                       "phones": [["label": "mobile", "value": "+370 612 34567"]]])
            _ = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "note", "contactIds": [contact.id.uuidString], "subject": "Complaint: late delivery of order 2",
            ])
            _ = try await api.create(OpportunityDTO.self, "/api/v1/opportunities", json: [
                "accountId": fixture.alpha.uuidString, "name": "Second line of racks", "amountMinor": 500_000, "currency": "EUR", "expectedClose": "2027-01-31",
            ])
            _ = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": fixture.alpha.uuidString, "validUntil": "2099-12-31", "lines": [["productId": fixture.widget.uuidString, "quantity": 4]],
            ])
            let (_, password) = try await app.makeUser("agent@example.com", role: .service)
            let browser = TestBrowser(app)
            try await browser.signIn("agent@example.com", password)

            let screen = try await browser.get("/lookup?phone=8%20612%2034567").body.string

            #expect(screen.contains("Complaint: late delivery of order 2"))
            #expect(screen.contains("Second line of racks"))
            #expect(screen.contains("Widget: 100.00 EUR"))
            #expect(screen.contains(#"<a href="/accounts/\#(fixture.alpha)">Alpha</a>"#))
            #expect(screen.contains("No open orders.") || screen.contains("#"), "the sales summary is there")
            let logCall = try #require(screen.firstMatch(of: /href="(\/contacts\/[^"]+\/interactions\/new\?[^"]+)"/).map { String($0.1) })
            #expect(logCall.contains("kind=call") && logCall.contains("direction=inbound") && logCall.contains("returnTo="))
            let form = try await browser.get(logCall.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(form.body.string.contains(#"value="Call from 8 612 34567""#))
            #expect(form.body.string.contains(#"<option value="inbound" selected>"#))

            let saved = try await browser.post("/contacts/\(contact.id)/interactions/new", [
                "kind": "call", "direction": "inbound", "channel": "8 612 34567", "subject": "Call from 8 612 34567",
                "body": "Asked again about the late delivery", "returnTo": "/lookup?phone=8%20612%2034567",
            ])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == "/lookup?phone=8%20612%2034567")
            #expect(try await browser.get("/lookup?phone=8%20612%2034567").body.string.contains("Call from 8 612 34567"))
        }
    }

    @Test func theAccountCardListsOpenDealsAndRecentQuotesAndLogsInteractions() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let deal = try await fixture.api.create(OpportunityDTO.self, "/api/v1/opportunities", json: [
                "accountId": fixture.beta.uuidString, "name": "Service contract", "amountMinor": 120_000, "currency": "EUR", "expectedClose": "2027-02-28",
            ])
            _ = try await fixture.api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": fixture.beta.uuidString, "subject": "Spring offer", "validUntil": "2099-12-31",
                "lines": [["productId": fixture.bulk.uuidString, "quantity": 3]],
            ])
            let (_, password) = try await app.makeUser("eva@example.com")
            let browser = TestBrowser(app)
            try await browser.signIn("eva@example.com", password)

            let card = try await browser.get("/accounts/\(fixture.beta)").body.string
            #expect(card.contains("Service contract") && card.contains("Spring offer: Bulk") && card.contains("300.00 EUR"))
            _ = try await browser.get("/accounts/\(fixture.beta)/interactions/new")
            let fromAccount = try await browser.post("/accounts/\(fixture.beta)/interactions/new", ["kind": "meeting", "subject": "Visit at the plant"])
            _ = try await browser.get("/accounts/\(fixture.beta)/interactions/new")
            let badPerson = try await browser.post("/accounts/\(fixture.beta)/interactions/new", ["kind": "note", "subject": "x", "contactId": "someone"])
            #expect(badPerson.status == .unprocessableEntity && badPerson.body.string.contains("is not one of the account"))
            _ = try await browser.get("/opportunities/\(deal.id)/interactions/new")
            let fromDeal = try await browser.post("/opportunities/\(deal.id)/interactions/new", ["kind": "call", "direction": "outbound", "outcome": "Budget approved"])

            #expect(fromAccount.status == .seeOther && fromDeal.status == .seeOther)
            #expect(fromDeal.headers.first(name: .location) == "/opportunities/\(deal.id)")
            #expect(try await browser.get("/accounts/\(fixture.beta)").body.string.contains("Visit at the plant"))
            #expect(try await browser.get("/opportunities/\(deal.id)").body.string.contains("Budget approved"))
            let logged = try #require(try await Interaction.query(on: app.db).filter(\.$kind == "call").first())
            #expect(logged.opportunityID == deal.id && logged.accountID == fixture.beta)
        }
    }
}
