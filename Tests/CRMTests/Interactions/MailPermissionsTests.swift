import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Who may file unmatched mail and who sees outgoing mail.
@Suite struct MailPermissionsTests {
    @Test func unmatchedMailIsFiledOnceAndOnlyUnderAContactTheUserMayEdit() async throws {
        try await withTestApp { app in
            let (owner, _) = try await app.apiClient("owner@example.com")
            let (other, _) = try await app.apiClient("other@example.com")
            let (manager, _) = try await app.apiClient("manager@example.com", role: .manager)
            let ana = try await owner.createContact(["givenName": "Ana"])
            let bob = try await other.createContact(["givenName": "Bob"])
            let raw = MailIngestTests.message(id: "lost@elsewhere.example", from: "who@unknown.example", to: "nobody@ourcompany.example", subject: "Lost mail")
            #expect(try await owner.send(.POST, "/api/v1/mail/inbound", raw: raw).status == .created)
            let id = try #require(try await Interaction.query(on: app.db).filter(\.$isUnmatched == true).first()?.id)

            let notTheirs = try await other.send(.POST, "/api/v1/mail/unmatched/\(id)/attach", json: ["contactId": ana.id.uuidString])
            let filed = try await other.send(.POST, "/api/v1/mail/unmatched/\(id)/attach", json: ["contactId": bob.id.uuidString])
            let again = try await manager.send(.POST, "/api/v1/mail/unmatched/\(id)/attach", json: ["contactId": ana.id.uuidString])

            #expect(notTheirs.status == .forbidden)
            #expect(filed.status == .ok)
            #expect(again.status == .conflict, "filed mail does not move to another contact's timeline")
            let links = try await InteractionContact.query(on: app.db).filter(\.$interaction.$id == id).all()
            #expect(links.map(\.contactID) == [bob.id])
        }
    }

    @Test func salesUsersSeeAndRetryOnlyTheirOwnOutgoingMail() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            defer { try? FileManager.default.removeItem(at: folder.url) }
            app.config.sendmail = [folder.failing]
            let (eva, _) = try await app.apiClient("eva@ourcompany.example")
            let (jon, _) = try await app.apiClient("jon@ourcompany.example")
            let (manager, _) = try await app.apiClient("manager@ourcompany.example", role: .manager)
            let lena = try await eva.createContact(["givenName": "Lena", "emails": [["value": "lena@kunde.example"]]])
            let mark = try await jon.createContact(["givenName": "Mark", "emails": [["value": "mark@kunde.example"]]])
            #expect(try await eva.send(.POST, "/api/v1/contacts/\(lena.id)/emails", json: ["subject": "From Eva", "body": "Hello"]).status == .accepted)
            #expect(try await jon.send(.POST, "/api/v1/contacts/\(mark.id)/emails", json: ["subject": "From Jon", "body": "Hello"]).status == .accepted)
            let jonsMail = try #require(try await OutboundMail.query(on: app.db).all().first { $0.recipients == ["mark@kunde.example"] }?.id)

            let evasOutbox = try await eva.decode([OutboxAPIController.DeliveryDTO].self, .GET, "/api/v1/mail/outbox")
            let everyone = try await manager.decode([OutboxAPIController.DeliveryDTO].self, .GET, "/api/v1/mail/outbox")
            let retryOthers = try await eva.send(.POST, "/api/v1/mail/outbox/\(jonsMail)/retry")
            let (_, password) = try await app.makeUser("eva2@ourcompany.example")
            let browser = TestBrowser(app)
            try await browser.signIn("eva2@ourcompany.example", password)
            let page = try await browser.get("/mail/outbox").body.string

            #expect(evasOutbox.map(\.recipients) == [["lena@kunde.example"]])
            #expect(everyone.count == 2)
            #expect(retryOthers.status == .notFound)
            #expect(!page.contains("mark@kunde.example") && !page.contains("lena@kunde.example"))
        }
    }
}
