import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Forms whose body arrives after the request head, over a real socket: the CSRF check must read the whole body.
@Suite struct LongFormBodyTests {
    @Test(arguments: [2_000, 30_000])
    func aLongNoteIsSavedWhole(length: Int) async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("owner@example.com")
            let contact = try await api.createContact(["givenName": "Lena"])
            let (_, password) = try await app.makeUser("eva@example.com")
            let browser = TestBrowser(app, over: try await app.startServer())
            try await browser.signIn("eva@example.com", password)
            _ = try await browser.get("/contacts/\(contact.id)/interactions/new")
            let note = String(repeating: "Long talk about the delivery, ", count: length / 30 + 1).prefix(length - 1) + "."

            let saved = try await browser.post("/contacts/\(contact.id)/interactions/new", ["kind": "note", "subject": "Visit", "body": String(note)])

            #expect(saved.status == .seeOther)
            let stored = try await Interaction.query(on: app.db).all()
            #expect(stored.map { $0.body?.count } == [length])
        }
    }

    @Test func aLongAccountNameAndAnUploadPassTheCheckToo() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("admin@example.com", role: .admin)
            let browser = TestBrowser(app, over: try await app.startServer())
            try await browser.signIn("admin@example.com", password)
            _ = try await browser.get("/accounts/new")
            let name = String(repeating: "Šiaulių prekyba ", count: 12)
            let created = try await browser.post("/accounts/new", ["name": name, "kind": "company", "businessNotes": String(repeating: "x", count: 9_000)])
            #expect(created.status == .seeOther)
            #expect(try await Account.query(on: app.db).count() == 1)

            _ = try await browser.get("/contacts/import")
            let cards = (1...40).map { "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Person \($0)\r\nN:\($0);Person;;;\r\nEMAIL:p\($0)@example.lt\r\nEND:VCARD\r\n" }.joined()
            let preview = try await browser.upload("/contacts/import", field: "file", fileName: "people.vcf", content: cards)
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("Person 40"))
        }
    }

    @Test func aBodyOverThePageLimitIsRefusedAsTooLargeNotAsForged() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("eva@example.com")
            let browser = TestBrowser(app, over: try await app.startServer())
            try await browser.signIn("eva@example.com", password)
            _ = try await browser.get("/accounts/new")

            let response = try await browser.post("/accounts/new", ["name": "Big", "businessNotes": String(repeating: "x", count: 1_100_000)])

            #expect(response.status == .payloadTooLarge)
            #expect(try await Account.query(on: app.db).count() == 0)
        }
    }
}
