import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

@Suite struct VCardAPITests {
    static var fields: [String: Any] { [
        "givenName": "Zoë", "familyName": "O'Brien", "displayName": "Zoë O'Brien", "title": "Head of sales", "department": "Sales",
        "emails": [["label": "work", "value": "zoe@brien.example"]], "phones": [["label": "mobile", "value": "+353 86 123 4567"]],
        "language": "en", "profile": ["birthday": "1990-07-01", "notes": "Met at the fair; likes sailing"],
    ] }

    func export(_ api: APIClient, _ path: String) async throws -> String {
        let response = try await api.send(.GET, path)
        #expect(response.status == .ok && response.headers.contentType?.subType == "vcard")
        return response.body.string
    }

    @Test(arguments: ["4.0", "3.0"])
    func exportThenImportGivesTheSameContact(version: String) async throws {
        var exported = ""
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("seller@example.com")
            let account = try await api.createAccount(["name": "Brien, Sons & Co"])
            let contact = try await api.createContact(Self.fields.merging(["accountId": account.id.uuidString]) { $1 })
            exported = try await export(api, "/api/v1/contacts/\(contact.id)/vcard?version=\(version)")
            #expect(exported.contains("VERSION:\(version)") && exported.contains("ORG:Brien\\, Sons & Co"))
            let same = try await api.decode(ContactVCards.Report.self, .POST, "/api/v1/contacts/vcard?dryRun=true", raw: exported)
            #expect(same.items.map(\.status) == ["matched"] && same.items.first?.contactId == contact.id)
        }
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("seller@example.com")
            let account = try await api.createAccount(["name": "Brien, Sons & Co"])
            let preview = try await api.decode(ContactVCards.Report.self, .POST, "/api/v1/contacts/vcard?dryRun=true", raw: exported)
            #expect(preview.items.map(\.status) == ["new"] && preview.created == 0)
            #expect(try await Contact.query(on: app.db).count() == 0, "a preview writes nothing")
            let report = try await api.decode(ContactVCards.Report.self, .POST, "/api/v1/contacts/vcard", raw: exported)
            #expect(report.created == 1)
            let imported = try #require(try await Contact.query(on: app.db).first())
            #expect(imported.givenName == "Zoë" && imported.familyName == "O'Brien" && imported.title == "Head of sales" && imported.department == "Sales")
            #expect(imported.$account.id == account.id && imported.language == "en")
            #expect(imported.profile.birthday == "1990-07-01" && imported.profile.notes == "Met at the fair; likes sailing")
            #expect(try await export(api, "/api/v1/contacts/\(imported.id!)/vcard?version=\(version)") == exported, "the round trip is exact")
        }
    }

    @Test func thePreviewSortsNewMatchedAndConflictingCards() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("seller@example.com")
            _ = try await api.createContact(["givenName": "Ana", "familyName": "Lima", "emails": [["value": "ana@lima.example"]]])
            _ = try await api.createContact(["givenName": "Rui", "familyName": "Costa", "title": "Buyer", "phones": [["value": "+351 912 345 678"]]])
            let file = """
                BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nN:Lima;Ana;;;\nEMAIL;TYPE=INTERNET:ANA@lima.example\nEND:VCARD
                BEGIN:VCARD\nVERSION:3.0\nFN:Rui Costa\nN:Costa;Rui;;;\nTITLE:Director\nTEL;TYPE=CELL:+351912345678\nEND:VCARD
                BEGIN:VCARD\nVERSION:4.0\nFN:Eva Nova\nN:Nova;Eva;;;\nEMAIL:eva@nova.example\nEND:VCARD
                """
            let report = try await api.decode(ContactVCards.Report.self, .POST, "/api/v1/contacts/vcard", raw: file)
            #expect(report.items.map(\.status) == ["matched", "conflict", "new"])
            #expect(report.items[1].differences == ["title", "phones"] || report.items[1].differences == ["title"])
            #expect(report.created == 1)
            #expect(try await Contact.query(on: app.db).count() == 3, "conflicts are left for a person to resolve")
        }
    }

    @Test func badFilesAndBadCardsWriteNothing() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("seller@example.com")
            let notVCard = try await api.send(.POST, "/api/v1/contacts/vcard", raw: Array("name,email\nA,a@b.example".utf8), contentType: .plainText)
            #expect(try ErrorBody.of(notVCard).fields?["file"] == "not a vCard file: no BEGIN:VCARD … END:VCARD")
            let file = "BEGIN:VCARD\nVERSION:4.0\nFN:Good\nEMAIL:good@x.example\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:Bad\nTEL:call me\nEND:VCARD\n"
            let bad = try await api.send(.POST, "/api/v1/contacts/vcard", raw: Array(file.utf8), contentType: .plainText)
            #expect(bad.status == .unprocessableEntity)
            #expect(try ErrorBody.of(bad).fields?.keys.contains("card 2: phones[0].value") == true, "\(bad.body.string)")
            #expect(try await Contact.query(on: app.db).count() == 0)
            #expect(try await api.send(.GET, "/api/v1/contacts/\(UUID())/vcard?version=2.1").status == .badRequest)
        }
    }

    @Test func aFilteredListExportsAsOneFile() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("seller@example.com")
            let account = try await api.createAccount(["name": "Listed"])
            for name in ["B Person", "A Person"] { _ = try await api.createContact(["displayName": name, "givenName": name, "accountId": account.id.uuidString]) }
            _ = try await api.createContact(["givenName": "Elsewhere"])
            let text = try await export(api, "/api/v1/contacts.vcf?account=\(account.id)&version=3.0")
            #expect(try VCardFormat.parse(text).map(\.formattedName) == ["A Person", "B Person"])
        }
    }
}

@Suite struct VCardPagesTests {
    @Test func aFileIsPreviewedThenItsNewCardsCreatedAndContactsExportFromTheirPages() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("seller@example.com")
            let ana = try await api.createContact(["givenName": "Ana", "familyName": "Lima", "emails": [["value": "ana@lima.example"]]])
            let (_, password) = try await app.makeUser("viewer@example.com")
            let browser = TestBrowser(app)
            try await browser.signIn("viewer@example.com", password)
            _ = try await browser.get("/contacts/import")
            let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\nEMAIL:ana@lima.example\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Eva Nova\r\nEMAIL:eva@nova.example\r\nEND:VCARD\r\n"
            let preview = try await browser.upload("/contacts/import", field: "file", fileName: "contacts.vcf", content: file)
            #expect(preview.status == .ok && preview.body.string.contains("1 new, 1 already here, 0 in conflict"))
            #expect(try await Contact.query(on: app.db).count() == 1, "the preview writes nothing")
            let created = try await browser.post("/contacts/import/confirm", ["text": file])
            #expect(created.status == .seeOther)
            #expect(try await Contact.query(on: app.db).filter(\.$displayName == "Eva Nova").count() == 1)
            let bad = try await browser.upload("/contacts/import", field: "file", fileName: "x.vcf", content: "hello")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("not a vCard file"))

            let card = try await browser.get("/contacts/\(ana.id)/vcard?version=3.0")
            #expect(card.status == .ok && card.body.string.contains("FN:Ana Lima") && card.body.string.contains("VERSION:3.0"))
            let all = try await browser.get("/contacts.vcf")
            #expect(try VCardFormat.parse(all.body.string).map(\.formattedName) == ["Ana Lima", "Eva Nova"])
        }
    }
}
