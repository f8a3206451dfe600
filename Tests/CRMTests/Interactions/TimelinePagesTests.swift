import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct TimelinePagesTests {
    @Test func cardsShowTheTimelineQuotedPricesAndUnmatchedMailIsFiledFromItsPage() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let api = fixture.api
            let contact = try await api.createContact(["givenName": "Ana", "accountId": fixture.alpha.uuidString, "emails": [["value": "ana@alpha.example"]]])
            _ = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": fixture.alpha.uuidString, "contactIds": [contact.id.uuidString], "validUntil": "2099-12-31",
                "lines": [["productId": fixture.widget.uuidString, "quantity": 3]],
            ])
            let stranger = MailIngestTests.message(id: "x1@elsewhere.example", from: "ana@alpha.example", to: "nobody@ourcompany.example", subject: "Hello")
            // Ana's address is known, so this one matches; a second from an unknown sender waits in the inbox.
            #expect(try await api.send(.POST, "/api/v1/mail/inbound", raw: stranger).status == .created)
            let unknown = MailIngestTests.message(id: "x2@elsewhere.example", from: "who@unknown.example", to: "nobody@ourcompany.example", subject: "Lost mail")
            #expect(try await api.send(.POST, "/api/v1/mail/inbound", raw: unknown).status == .created)

            let (viewer, password) = try await app.makeUser("viewer@example.com", role: .manager)
            let browser = TestBrowser(app)
            try await browser.signIn("viewer@example.com", password)
            let card = try await browser.get("/accounts/\(fixture.alpha)")
            #expect(card.body.string.contains("Last quoted prices") && card.body.string.contains("Widget"))
            #expect(card.body.string.contains("Price quote") && card.body.string.contains("Order "))
            let full = try await browser.get("/accounts/\(fixture.alpha)/timeline?type=email")
            #expect(full.status == .ok && full.body.string.contains("Hello") && !full.body.string.contains("Price quote"))
            let byManager = try await browser.get("/accounts/\(fixture.alpha)/timeline?type=quote&user=\(fixture.manager.id!)")
            #expect(byManager.body.string.contains("Price quote"))
            #expect(!(try await browser.get("/accounts/\(fixture.alpha)/timeline?type=quote&user=\(viewer.id!)")).body.string.contains("Price quote"))

            let inbox = try await browser.get("/mail/unmatched")
            #expect(inbox.body.string.contains("Lost mail") && !inbox.body.string.contains(">Hello<"))
            let id = try #require(try await Interaction.query(on: app.db).filter(\.$isUnmatched == true).first()?.id)
            let refused = try await browser.post("/mail/unmatched/\(id)/attach", ["email": "who@unknown.example"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("No contact has the address who@unknown.example"))
            let filed = try await browser.post("/mail/unmatched/\(id)/attach", ["email": "ANA@alpha.example"])
            #expect(filed.status == .seeOther)
            let contactCard = try await browser.get("/contacts/\(contact.id)")
            #expect(contactCard.body.string.contains("Lost mail"))
            #expect(try await Interaction.query(on: app.db).filter(\.$isUnmatched == true).count() == 0)
        }
    }

    @Test func peopleLogInteractionsAndSendEmailFromTheContactCard() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            defer { try? FileManager.default.removeItem(at: folder.url) }
            let (password) = try await app.makeUser("eva@ourcompany.example", role: .sales).password
            let browser = TestBrowser(app)
            try await browser.signIn("eva@ourcompany.example", password)
            let (api, _) = try await app.apiClient("other@example.com")
            let contact = try await api.createContact(["givenName": "Lena", "emails": [["value": "lena@kunde.example"]]])
            _ = try await browser.get("/contacts/\(contact.id)/interactions/new")
            let bad = try await browser.post("/contacts/\(contact.id)/interactions/new", ["kind": "call", "direction": "outbound", "followUpOn": "someday"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("must be a date written YYYY-MM-DD"))
            let logged = try await browser.post("/contacts/\(contact.id)/interactions/new",
                                                ["kind": "call", "direction": "outbound", "subject": "Called about the visit", "sentiment": "positive"])
            #expect(logged.status == .seeOther)
            #expect(try await browser.get("/contacts/\(contact.id)").body.string.contains("Called about the visit"))

            _ = try await browser.get("/contacts/\(contact.id)/email")
            let unconfigured = try await browser.post("/contacts/\(contact.id)/email", ["subject": "Visit", "body": "See you"])
            #expect(unconfigured.status == .conflict && unconfigured.body.string.contains("CRM_SENDMAIL"))
            app.config.sendmail = [folder.failing]
            _ = try await browser.get("/contacts/\(contact.id)/email")
            let queued = try await browser.post("/contacts/\(contact.id)/email", ["subject": "Visit", "body": "See you"])
            #expect(queued.status == .seeOther && queued.headers.first(name: .location) == "/mail/outbox")
            let outbox = try await browser.get("/mail/outbox")
            #expect(outbox.body.string.contains("connection refused") && outbox.body.string.contains("queued (1 attempt)"))
            app.config.sendmail = [folder.sendmail]
            let id = try #require(try await OutboundMail.query(on: app.db).first()?.id)
            _ = try await browser.post("/mail/outbox/\(id)/retry")
            #expect(try await browser.get("/mail/outbox").body.string.contains("sent (2 attempts)"))
            #expect(try folder.received().map(\.message.subject) == ["Visit"])
        }
    }

    @Test func aQuoteFromTheFormShowsTheLastPriceAndAsksWhyADifferentOne() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let (_, password) = try await app.makeUser("quoter@example.com", role: .sales)
            let browser = TestBrowser(app)
            try await browser.signIn("quoter@example.com", password)
            let form = try await browser.get("/accounts/\(fixture.alpha)/quotes/new")
            #expect(form.status == .ok && form.body.string.contains(#"<option value="W-1 · Widget" label="100.00 EUR">"#))
            let widget = fixture.widget.uuidString
            let first = try await browser.post("/accounts/\(fixture.alpha)/quotes/new", [
                "currency": "EUR", "validUntil": "2099-12-31", "lines[0][product]": widget, "lines[0][quantity]": "10", "lines[0][discountPercent]": "10",
                "lines[1][description]": "Installation", "lines[1][unitPrice]": "450,00",
            ])
            #expect(first.status == .seeOther, "\(first.body.string.prefix(400))")
            let card = try await browser.get("/accounts/\(fixture.alpha)")
            #expect(card.body.string.contains("Last quoted prices") && card.body.string.contains("90.00 EUR") && card.body.string.contains("450.00 EUR"))

            _ = try await browser.get("/accounts/\(fixture.alpha)/quotes/new")
            let cheaper = try await browser.post("/accounts/\(fixture.alpha)/quotes/new", [
                "currency": "EUR", "lines[0][product]": widget, "lines[0][discountPercent]": "15", "lines[1][description]": "Extra", "lines[1][unitPrice]": "abc",
            ])
            #expect(cheaper.status == .unprocessableEntity)
            #expect(cheaper.body.string.contains("must be an amount such as 1250.50"))
            let noReason = try await browser.post("/accounts/\(fixture.alpha)/quotes/new", [
                "currency": "EUR", "lines[0][product]": widget, "lines[0][discountPercent]": "15",
            ])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("A reason is needed: line 1 (Widget) differs from 90.00 EUR"))
            let explained = try await browser.post("/accounts/\(fixture.alpha)/quotes/new", [
                "currency": "EUR", "lines[0][product]": widget, "lines[0][discountPercent]": "15", "deviationReason": "Volume order",
            ])
            #expect(explained.status == .seeOther)
            #expect(try await QuoteLine.query(on: app.db).count() == 3)
        }
    }

    @Test func adminsSetTheCapOnItsPageAndUnmatchedMailCanStartANewContact() async throws {
        try await withTestApp { app in
            let (_, adminPassword) = try await app.makeUser("boss@example.com", role: .admin)
            let (_, salesPassword) = try await app.makeUser("seller@example.com", role: .sales)
            let admin = TestBrowser(app)
            try await admin.signIn("boss@example.com", adminPassword)
            let seller = TestBrowser(app)
            try await seller.signIn("seller@example.com", salesPassword)
            #expect(try await seller.get("/admin/contact-cap").status == .forbidden)
            _ = try await admin.get("/admin/contact-cap")
            let bad = try await admin.post("/admin/contact-cap", ["rules[0][maxContacts]": "x", "rules[0][days]": "400"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("must be a whole number"))
            let saved = try await admin.post("/admin/contact-cap", ["rules[0][maxContacts]": "3", "rules[0][days]": "7", "rules[0][channel]": "",
                                                                   "rules[1][maxContacts]": "1", "rules[1][days]": "30", "rules[1][channel]": "call"])
            #expect(saved.status == .ok && saved.body.string.contains("Saved."))
            let rules = try await ContactCapRules.list(of: nil, on: app.db)
            #expect(Set(rules.map { "\($0.maxContacts)/\($0.days)/\($0.channel ?? "all")" }) == ["3/7/all", "1/30/call"])

            // A contact's own rules, from the contact's card; salespeople may not change them.
            let (owner, _) = try await app.apiClient("owner@example.com")
            let keyContact = try await owner.createContact(["givenName": "Key"])
            #expect(try await admin.get("/contacts/\(keyContact.id)").body.string.contains("/contacts/\(keyContact.id)/contact-cap"))
            #expect(try await seller.get("/contacts/\(keyContact.id)/contact-cap").status == .forbidden)
            _ = try await admin.get("/contacts/\(keyContact.id)/contact-cap")
            let own = try await admin.post("/contacts/\(keyContact.id)/contact-cap", ["rules[0][maxContacts]": "10", "rules[0][days]": "7"])
            #expect(own.status == .ok && own.body.string.contains("Contact-frequency cap for Key"))
            #expect(try await ContactCapRules.list(of: keyContact.id, on: app.db) == [.init(maxContacts: 10, days: 7, channel: nil)])
            #expect(try await ContactCapRules.list(of: nil, on: app.db).count == 2, "the general rules stay")

            let (api, _) = try await app.apiClient("api@example.com")
            let raw = MailIngestTests.message(id: "new1@prospect.example", from: "Nia <nia@prospect.example>", to: "seller@example.com", subject: "Prices?")
            #expect(try await api.send(.POST, "/api/v1/mail/inbound", raw: raw).status == .created)
            let id = try #require(try await Interaction.query(on: app.db).filter(\.$isUnmatched == true).first()?.id)
            _ = try await seller.get("/mail/unmatched")
            let noName = try await seller.post("/mail/unmatched/\(id)/create", ["name": ""])
            #expect(noName.status == .unprocessableEntity && noName.body.string.contains("Give the new contact&#39;s name.") || noName.body.string.contains("Give the new contact's name."))
            let created = try await seller.post("/mail/unmatched/\(id)/create", ["name": "Nia Okafor"])
            #expect(created.status == .seeOther)
            let contact = try #require(try await Contact.query(on: app.db).filter(\.$displayName == "Nia Okafor").first())
            #expect(try await seller.get("/contacts/\(contact.id!)").body.string.contains("Prices?"))
            #expect(try await Interaction.query(on: app.db).filter(\.$isUnmatched == true).count() == 0)
        }
    }

    @Test func anInteractionOpensInFullAndItsAuthorCorrectsIt() async throws {
        try await withTestApp { app in
            let (author, password) = try await app.makeUser("author@example.com", role: .sales)
            let (_, otherPassword) = try await app.makeUser("other@example.com", role: .sales)
            let token = try await TokenIssuer.issue(for: author, name: "test", on: app.db)
            let api = APIClient(app: app, token: token)
            let contact = try await api.createContact(["givenName": "Ola"])
            let call = try await api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "call", "direction": "inbound", "contactIds": [contact.id.uuidString], "subject": "Price question", "body": "Asked for 90",
            ])
            let browser = TestBrowser(app)
            try await browser.signIn("author@example.com", password)
            let card = try await browser.get("/contacts/\(contact.id)")
            #expect(card.body.string.contains("href=\"/interactions/\(call.id)\""))
            let page = try await browser.get("/interactions/\(call.id)")
            #expect(page.status == .ok && page.body.string.contains("Asked for 90") && page.body.string.contains("Save correction"))
            let saved = try await browser.post("/interactions/\(call.id)", ["version": "1", "subject": "Price question", "body": "Asked for 95", "followUpOn": "2026-12-01"])
            #expect(saved.status == .seeOther)
            let after = try await browser.get("/interactions/\(call.id)")
            #expect(after.body.string.contains("Asked for 95") && after.body.string.contains("Earlier texts") && after.body.string.contains("Asked for 90"))
            let stale = try await browser.post("/interactions/\(call.id)", ["version": "1", "body": "Asked for 99"])
            #expect(stale.status == .conflict)

            let other = TestBrowser(app)
            try await other.signIn("other@example.com", otherPassword)
            let readOnly = try await other.get("/interactions/\(call.id)")
            #expect(readOnly.status == .ok && !readOnly.body.string.contains("Save correction"))
            #expect(try await other.post("/interactions/\(call.id)", ["version": "2", "body": "x"]).status == .forbidden)
        }
    }
}
