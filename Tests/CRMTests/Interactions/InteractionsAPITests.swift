import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

@Suite struct InteractionsAPITests {
    struct Page: Decodable { let items: [Timeline.Entry]; let nextCursor: String? }

    @Test func interactionsLandOnTheAccountAndContactTimelinesWithChanges() async throws {
        try await withTestApp { app in
            let (api, seller) = try await app.apiClient("seller@example.com")
            let account = try await api.createAccount(["name": "Kovacs Kft"])
            let eva = try await api.createContact(["givenName": "Eva", "familyName": "Kovacs", "accountId": account.id.uuidString])
            let call = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "call", "direction": "outbound", "contactIds": [eva.id.uuidString], "subject": "Intro call", "durationSeconds": 600,
                "outcome": "Wants a quote", "sentiment": "positive", "followUpOn": "2026-12-01", "occurredAt": "2026-11-20T09:00:00Z",
            ])
            #expect(call.account?.id == account.id && call.contacts.map(\.id) == [eva.id] && call.user?.id == seller.id)
            _ = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "note", "accountId": account.id.uuidString, "body": "Budget approved in Q1", "occurredAt": "2026-11-21T09:00:00Z",
            ])
            let timeline = try await api.decode(Page.self, .GET, "/api/v1/accounts/\(account.id)/timeline")
            #expect(timeline.items.first?.type == "change", "account creation is newest (created now)")
            #expect(timeline.items.map(\.type).filter { $0 != "change" } == ["note", "call"])
            let calls = try await api.decode(Page.self, .GET, "/api/v1/accounts/\(account.id)/timeline?type=call")
            #expect(calls.items.map(\.title) == ["Intro call"])
            let contactLine = try await api.decode(Page.self, .GET, "/api/v1/contacts/\(eva.id)/timeline?type=call,email,note")
            #expect(contactLine.items.map(\.title) == ["Intro call"], "the note was on the account only")
            let bad = try await api.send(.GET, "/api/v1/accounts/\(account.id)/timeline?type=fishing")
            #expect(bad.status == .badRequest)
            let refused = try await api.send(.POST, "/api/v1/interactions", json: ["kind": "call", "contactIds": [UUID().uuidString]])
            #expect(refused.status == .unprocessableEntity)
            let fields = try ErrorBody.of(refused).fields ?? [:]
            #expect(fields["direction"] == "is required: inbound or outbound" && fields["contactIds[0]"] == "names no contact")
            #expect(try await Interaction.query(on: app.db).count() == 2)
        }
    }

    @Test func pagesOfAMergedTimelineFollowEachOtherWithoutGapsOrRepeats() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("seller@example.com")
            let account = try await api.createAccount(["name": "Paged"])
            for day in 1...9 {
                _ = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                    "kind": "note", "accountId": account.id.uuidString, "subject": "Note \(day)", "occurredAt": "2026-11-0\(day)T10:00:00Z",
                ])
            }
            var seen = [String]()
            var cursor: String?
            repeat {
                let page = try await api.decode(Page.self, .GET, "/api/v1/accounts/\(account.id)/timeline?limit=4" + (cursor.map { "&cursor=" + $0 } ?? ""))
                seen += page.items.map(\.title)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen == ["Account created"] + (1...9).reversed().map { "Note \($0)" })

            // A contact's timeline pages the same way, through its links; two calls at the same moment both appear.
            let contact = try await api.createContact(["givenName": "Paged", "accountId": account.id.uuidString])
            for index in [1, 2, 2, 3, 4] {
                _ = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                    "kind": "call", "direction": "outbound", "contactIds": [contact.id.uuidString], "subject": "Call \(index)",
                    "occurredAt": "2026-10-0\(index)T10:00:00Z",
                ])
            }
            var calls = [String]()
            cursor = nil
            repeat {
                let page = try await api.decode(Page.self, .GET, "/api/v1/contacts/\(contact.id)/timeline?type=call&limit=2" + (cursor.map { "&cursor=" + $0 } ?? ""))
                calls += page.items.map(\.title)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(calls == ["Call 4", "Call 3", "Call 2", "Call 2", "Call 1"])
            #expect(try await api.send(.GET, "/api/v1/contacts/\(contact.id)/timeline?cursor=bm90LWEtY3Vyc29y").status == .badRequest)
        }
    }

    @Test func editsKeepTheEarlierTextAndOnlyAuthorsManagersAndAdminsEdit() async throws {
        try await withTestApp { app in
            let (author, _) = try await app.apiClient("author@example.com")
            let (other, _) = try await app.apiClient("other@example.com")
            let (manager, _) = try await app.apiClient("manager@example.com", role: .manager)
            let account = try await author.createAccount(["name": "Edited"])
            let note = try await author.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "note", "accountId": account.id.uuidString, "body": "Price agreed: 90",
            ])
            let path = "/api/v1/interactions/\(note.id)"
            #expect(try await other.send(.PATCH, path, json: ["body": "Price agreed: 80"], ifMatch: "\"1\"").status == .forbidden)
            let edited = try await author.decode(InteractionDTO.self, .PATCH, path, json: ["body": "Price agreed: 95"], ifMatch: "\"1\"")
            #expect(edited.body == "Price agreed: 95" && edited.version == 2)
            #expect(try await manager.send(.PATCH, path, json: ["outcome": "Signed"], ifMatch: "\"1\"").status == .conflict, "stale version")
            _ = try await manager.decode(InteractionDTO.self, .PATCH, path, json: ["outcome": "Signed"], ifMatch: "\"2\"")
            let edits = try await author.decode([InteractionEditDTO].self, .GET, path + "/edits")
            #expect(edits.map(\.previous.body) == ["Price agreed: 90", "Price agreed: 95"])
            #expect(edits.last?.editedBy?.name == "manager@example.com")
        }
    }

    @Test func quotesShowTheLastPriceAndAContradictionNeedsAReason() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let api = fixture.api
            let alpha = fixture.alpha.uuidString, widget = fixture.widget.uuidString
            let first = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": alpha, "validUntil": "2099-12-31", "terms": "30 days net",
                "lines": [["productId": widget, "quantity": 10, "discountBasisPoints": 1_000], ["description": "Installation  day", "unitPriceMinor": 50_000]],
            ])
            #expect(first.direction == "outbound" && first.lines.map(\.netUnitMinor) == [9_000, 50_000] && first.currency == "EUR")
            let latest = try await api.decode(QuotedPrices.LatestDTO.self, .GET, "/api/v1/accounts/\(alpha)/quotes/latest?item=\(widget)")
            #expect(latest.netUnitMinor == 9_000 && latest.stillValid && latest.quotedBy?.name == "manager@example.com")
            let text = try await api.decode(QuotedPrices.LatestDTO.self, .GET, "/api/v1/accounts/\(alpha)/quotes/latest?item=installation%20day")
            #expect(text.unitPriceMinor == 50_000)
            #expect(try await api.send(.GET, "/api/v1/accounts/\(fixture.beta)/quotes/latest?item=\(widget)").status == .notFound)

            let cheaper = try await api.send(.POST, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": alpha, "lines": [["productId": widget, "quantity": 10, "discountBasisPoints": 1_500]],
            ])
            #expect(cheaper.status == .unprocessableEntity)
            let reason = try ErrorBody.of(cheaper).fields?["deviationReason"] ?? ""
            #expect(reason.hasPrefix("is required: line 1 (Widget) differs from 90.00 EUR quoted on 2026-11-25 by manager@example.com"), "\(reason)")
            let same = try await api.send(.POST, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": alpha, "lines": [["productId": widget, "quantity": 5, "discountBasisPoints": 1_000]],
            ])
            #expect(same.status == .created, "the same price needs no reason")
            let explained = try await api.send(.POST, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": alpha, "deviationReason": "Volume order of 500",
                "lines": [["productId": widget, "quantity": 500, "discountBasisPoints": 1_500]],
            ])
            #expect(explained.status == .created)
            #expect(try await api.decode(QuotedPrices.LatestDTO.self, .GET, "/api/v1/accounts/\(alpha)/quotes/latest?item=\(widget)").netUnitMinor == 8_500)
        }
    }

    @Test func theCapAsksForAReasonAndContactsCanHaveTheirOwnRules() async throws {
        try await withTestApp { app in
            let (admin, _) = try await app.apiClient("admin@example.com", role: .admin)
            let (seller, _) = try await app.apiClient("seller@example.com")
            let rules = try await admin.decode([ContactCapRules.Rule].self, .PUT, "/api/v1/settings/contact-cap",
                                               jsonArray: [["maxContacts": 2, "days": 7]])
            #expect(rules == [.init(maxContacts: 2, days: 7, channel: nil)])
            let contact = try await seller.createContact(["givenName": "Capped"])
            func call(_ extra: [String: Any] = [:]) async throws -> TestingHTTPResponse {
                try await seller.send(.POST, "/api/v1/interactions", json: ["kind": "call", "direction": "outbound", "contactIds": [contact.id.uuidString], "outcome": "Reached"]
                    .merging(extra) { $1 })
            }
            #expect(try await call().status == .created)
            #expect(try await seller.send(.POST, "/api/v1/interactions", json: ["kind": "note", "contactIds": [contact.id.uuidString], "subject": "Met at the fair"]).status == .created,
                    "notes do not count")
            #expect(try await call(["direction": "inbound"]).status == .created, "inbound does not count")
            #expect(try await call().status == .created)
            let status = try await seller.decode(InteractionsAPIController.CapStatusDTO.self, .GET, "/api/v1/contacts/\(contact.id)/contact-cap?channel=call")
            #expect(status.reached && status.count == 2 && status.rule == "at most 2 outbound contacts in 7 days")
            let third = try await call()
            #expect(third.status == .unprocessableEntity)
            #expect(try ErrorBody.of(third).fields?["capReason"]?.hasPrefix("is required: the contact-frequency cap is reached — Capped has had 2") == true)
            #expect(try await call(["capReason": "Customer asked for a call back"]).status == .created)

            let own = try await admin.decode([ContactCapRules.Rule].self, .PUT, "/api/v1/contacts/\(contact.id)/contact-cap/rules",
                                             jsonArray: [["maxContacts": 10, "days": 7, "channel": "call"]])
            #expect(own.count == 1)
            #expect(try await call().status == .created, "the contact's own rule replaces the general one")
            let invalid = try await admin.send(.PUT, "/api/v1/settings/contact-cap", jsonArray: [["maxContacts": -1, "days": 0, "channel": "pigeon"]])
            #expect(try ErrorBody.of(invalid).fields?.keys.sorted() == ["[0].channel", "[0].days", "[0].maxContacts"])
            #expect(try await seller.send(.PUT, "/api/v1/settings/contact-cap", jsonArray: []).status == .forbidden)

            // Automated sends (greetings, campaigns) never pass the cap, whatever reason they carry.
            let person = try #require(try await CustomerDirectory(db: app.db).contact(contact.id))
            _ = try await admin.send(.PUT, "/api/v1/contacts/\(contact.id)/contact-cap/rules", jsonArray: [["maxContacts": 1, "days": 7]])
            await #expect(throws: APIError.self) {
                try await ContactCapCheck(db: app.db, now: app.clock.now())
                    .enforce(contacts: [person], channel: .email, direction: .outbound, reason: "Season's greetings", automated: true)
            }
        }
    }
}
