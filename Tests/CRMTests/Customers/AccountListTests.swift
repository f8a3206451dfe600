import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct AccountListTests {
    @Test func filtersSelectByOwnerTagIndustryAndParent() async throws {
        try await withTestApp { app in
            let (mine, _) = try await app.apiClient("me@example.lt")
            let (theirs, them) = try await app.apiClient("them@example.lt")
            let group = try await mine.createAccount(["name": "Group", "industry": "Dairy", "tags": ["VIP"]])
            try await mine.createAccount(["name": "Plain", "industry": "Textiles", "parentId": group.id.uuidString])
            try await theirs.createAccount(["name": "Theirs", "industry": "Dairy", "tags": ["vip"]])

            func names(_ query: String) async throws -> [String] {
                try await mine.decode(ListPage<AccountDTO>.self, .GET, "/api/v1/accounts" + query).items.map(\.name)
            }
            #expect(try await names("") == ["Group", "Plain", "Theirs"])
            #expect(try await names("?owner=\(them.id!.uuidString)") == ["Theirs"])
            #expect(try await names("?tag=Vip") == ["Group", "Theirs"])
            #expect(try await names("?industry=Dairy") == ["Group", "Theirs"])
            #expect(try await names("?parent=\(group.id.uuidString)") == ["Plain"])
            #expect(try await names("?sort=-name") == ["Theirs", "Plain", "Group"])
            #expect(try await names("?updatedSince=2999-01-01T00:00:00Z") == [])
        }
    }

    @Test func pagesFollowEachOtherInEverySortOrder() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("me@example.lt")
            let names = ["Ąžuolas", "Boom", "Alpha", "Zulu", "Mango", "Alpha", "北京", "Delta"]
            for name in names { try await api.createAccount(["name": name]) }

            for sort in ["name", "-name", "updatedAt", "-updatedAt"] {
                var seen: [UUID] = []
                var cursor: String?
                repeat {
                    let path: String = "/api/v1/accounts?limit=3&sort=\(sort)" + (cursor.map { "&cursor=\($0)" } ?? "")
                    let page = try await api.decode(ListPage<AccountDTO>.self, .GET, path)
                    seen += page.items.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil && seen.count < 20
                #expect(seen.count == names.count, "sort \(sort)")
                #expect(Set(seen).count == names.count, "sort \(sort)")
            }
        }
    }

    @Test func badFiltersNameTheParameter() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("me@example.lt")
            let badSort = try await api.send(.GET, "/api/v1/accounts?sort=size")
            #expect(try ErrorBody.of(badSort).fields?["sort"] != nil)
            let badOwner = try await api.send(.GET, "/api/v1/accounts?owner=me")
            #expect(badOwner.status == .badRequest)
            #expect(try ErrorBody.of(badOwner).fields?["owner"] == "must be a UUID")
            let badDate = try await api.send(.GET, "/api/v1/accounts?updatedSince=yesterday")
            #expect(try ErrorBody.of(badDate).fields?["updatedSince"] != nil)
        }
    }
}

@Suite struct ArchiveAndEraseTests {
    @Test func archivingHidesFromListsAndSearchButKeepsEverything() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("me@example.lt")
            let account = try await api.createAccount(["name": "Karoo Wol", "phones": [["value": "+27 21 555 1234"]]])
            try await api.createContact(["displayName": "Thandi", "accountId": account.id.uuidString])

            let archived = try await api.decode(AccountDTO.self, .POST, "/api/v1/accounts/\(account.id)/archive")
            #expect(archived.archivedAt != nil)
            #expect(try await api.decode(ListPage<AccountDTO>.self, .GET, "/api/v1/accounts").items.isEmpty)
            #expect(try await api.decode(ListPage<AccountDTO>.self, .GET, "/api/v1/accounts?archived=true").items.map(\.id) == [account.id])
            #expect(try await api.decode(ListPage<CustomerSearch.Hit>.self, .GET, "/api/v1/search?q=karoo").items.isEmpty)
            #expect(try await api.decode(CallerLookup.Result.self, .GET, "/api/v1/lookup?phone=%2B27215551234").matches.isEmpty)
            let card = try await api.decode(CustomerCards.AccountCard.self, .GET, "/api/v1/accounts/\(account.id)/card")
            #expect(card.contacts.map(\.displayName) == ["Thandi"])

            try await api.decode(AccountDTO.self, .POST, "/api/v1/accounts/\(account.id)/restore")
            #expect(try await api.decode(ListPage<CustomerSearch.Hit>.self, .GET, "/api/v1/search?q=karoo").items.count == 1)
        }
    }

    @Test func onlyAdminsEraseAndTheErasureIsAudited() async throws {
        try await withTestApp { app in
            let (sales, _) = try await app.apiClient("me@example.lt")
            let (admin, adminUser) = try await app.apiClient("admin@example.lt", role: .admin)
            let contact = try await sales.createContact(["givenName": "Ona", "familyName": "Žemaitė",
                                                         "phones": [["value": "+370 612 34567"]], "emails": [["value": "ona@example.lt"]]])

            #expect(try await sales.send(.DELETE, "/api/v1/contacts/\(contact.id)").status == .forbidden)
            #expect(try await admin.send(.DELETE, "/api/v1/contacts/\(contact.id)").status == .noContent)

            #expect(try await admin.send(.GET, "/api/v1/contacts/\(contact.id)").status == .notFound)
            #expect(try await ContactPoint.query(on: app.db).count() == 0)
            #expect(try await SearchTerm.query(on: app.db).count() == 0)
            #expect(try await CustomerEvent.query(on: app.db).count() == 0)
            let audit = try #require(try await AuditEntry.query(on: app.db).first())
            let (_, password) = try await app.makeUser("pageadmin@example.lt", role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn("pageadmin@example.lt", password)
            let page = try await browser.get("/admin/audit")
            #expect(page.body.string.contains("contact \(contact.id)"))
            let (_, salesPassword) = try await app.makeUser("pagesales@example.lt")
            let salesBrowser = TestBrowser(app)
            try await salesBrowser.signIn("pagesales@example.lt", salesPassword)
            #expect(try await salesBrowser.get("/admin/audit").status == .forbidden)
            #expect(audit.$actor.id == adminUser.id)
            #expect(audit.subjectID == contact.id)
            #expect(audit.action == "erase")
            #expect(!audit.summary.contains("Ona") && !audit.summary.contains("Žemaitė"))
        }
    }

    @Test func erasingAnAccountDetachesItsContacts() async throws {
        try await withTestApp { app in
            let (admin, _) = try await app.apiClient("admin@example.lt", role: .admin)
            let account = try await admin.createAccount(["name": "Gone Ltd"])
            let contact = try await admin.createContact(["displayName": "Stays", "accountId": account.id.uuidString])
            try await admin.send(.POST, "/api/v1/accounts/\(account.id)/competitors", json: ["competitor": "Rival"])

            #expect(try await admin.send(.DELETE, "/api/v1/accounts/\(account.id)").status == .noContent)
            let kept = try await admin.decode(ContactDTO.self, .GET, "/api/v1/contacts/\(contact.id)")
            #expect(kept.account == nil)
            #expect(try await CompetitorEntry.query(on: app.db).count() == 0)
        }
    }
}
