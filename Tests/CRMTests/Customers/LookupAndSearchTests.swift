import CRMCore
import Testing
import VaporTesting
@testable import CRM

@Suite struct CallerLookupTests {
    @Test func aNumberWrittenAnyWayFindsTheCallerWithOwnerAndAccount() async throws {
        try await withTestApp { app in
            app.config.defaultCountry = "LT"
            let (api, me) = try await app.apiClient("ona@example.lt")
            let account = try await api.createAccount(["name": "Žemaitijos pienas", "phones": [["value": "+370 5 212 3456"]]])
            try await api.createContact(["displayName": "Ona Žemaitė", "title": "Direktorė", "accountId": account.id.uuidString,
                                         "phones": [["label": "mobile", "value": "8 612 34567"]]])

            // As people write it, and as telephone systems send a caller id (RFC 3966 tel: and SIP URIs).
            for written in ["+37061234567", "8 612 34567", "00370 612 34567", "(0612) 34-567", "tel:+370-612-34567",
                            "sip:+37061234567@pbx.example.com;user=phone"] {
                let escaped = written.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let result = try await api.decode(CallerLookup.Result.self, .GET, "/api/v1/lookup?phone=\(escaped)")
                #expect(result.phone == "+37061234567")
                let match = try #require(result.matches.first)
                #expect(result.matches.count == 1)
                #expect(match.type == "contact")
                #expect(match.name == "Ona Žemaitė")
                #expect(match.account?.name == "Žemaitijos pienas")
                #expect(match.owner?.id == me.id)
                #expect(match.matchedLabel == "mobile")
            }
            let company = try await api.decode(CallerLookup.Result.self, .GET, "/api/v1/lookup?phone=852123456")
            #expect(company.matches.map(\.type) == ["account"])
        }
    }

    @Test func unknownAndUnreadableNumbers() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            let none = try await api.decode(CallerLookup.Result.self, .GET, "/api/v1/lookup?phone=%2B442079460958")
            #expect(none.matches.isEmpty)
            let bad = try await api.send(.GET, "/api/v1/lookup?phone=hello")
            #expect(bad.status == .badRequest)
            #expect(try ErrorBody.of(bad).fields?["phone"]?.hasPrefix("may only contain digits") == true)
        }
    }
}

@Suite struct CustomerSearchTests {
    func seed(_ api: APIClient) async throws {
        let account = try await api.createAccount(["name": "Žemaitijos pienas", "emails": [["value": "info@pienas.lt"]]])
        try await api.createContact(["givenName": "Ona", "familyName": "Žemaitė", "accountId": account.id.uuidString,
                                     "phones": [["value": "+370 612 34567"]], "emails": [["value": "ona@pienas.lt"]]])
        try await api.createContact(["displayName": "李娜", "title": "采购经理"])
        try await api.createContact(["displayName": "காவ்யா சுப்பிரமணியம்"])
        try await api.createContact(["displayName": "Lucía Fernández"])
        try await api.createAccount(["name": "Zemaite Consulting"])
        try await api.createAccount(["name": "Ozemaitex"])
    }

    func names(_ api: APIClient, _ q: String) async throws -> [String] {
        let escaped = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        return try await api.decode(ListPage<CustomerSearch.Hit>.self, .GET, "/api/v1/search?q=\(escaped)").items.map(\.name)
    }

    @Test func latinSearchIgnoresCaseAndAccentsAndRanksExactPrefixSubstring() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            try await seed(api)
            #expect(try await names(api, "Zemaite") == ["Ona Žemaitė", "Zemaite Consulting", "Ozemaitex"])
            #expect(try await names(api, "žemait") == ["Ona Žemaitė", "Zemaite Consulting", "Žemaitijos pienas", "Ozemaitex"])
            #expect(try await names(api, "LUCIA") == ["Lucía Fernández"])
            #expect(try await names(api, "fernández") == ["Lucía Fernández"])
        }
    }

    @Test func chineseAndTamilMatchSubstrings() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            try await seed(api)
            #expect(try await names(api, "娜") == ["李娜"])
            #expect(try await names(api, "சுப்பிர") == ["காவ்யா சுப்பிரமணியம்"])
        }
    }

    @Test func emailsAndPhoneNumbersAreSearchable() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            try await seed(api)
            // Substring matches come oldest record first: the trigram index is read in key order and stops at the page.
            #expect(try await names(api, "pienas.lt") == ["Žemaitijos pienas", "Ona Žemaitė"])
            #expect(try await names(api, "612 345") == ["Ona Žemaitė"])
            #expect(try await names(api, "+370 612 34567") == ["Ona Žemaitė"])
        }
    }

    /// A number as the account list shows it with the default country LT ("8 5 260 6083") has other digits than
    /// the stored one (+37052606083); search reads it as caller lookup does.
    @Test func aNumberWrittenAsTheAppShowsItIsFound() async throws {
        try await withTestApp { app in
            app.config.defaultCountry = "LT"
            let (api, _) = try await app.apiClient("ona@example.lt")
            try await api.createAccount(["name": "Vilniaus spauda", "phones": [["value": "+370 5 260 6083"]]])
            let (_, password) = try await app.makeUser("eva@example.lt")
            let browser = TestBrowser(app)
            try await browser.signIn("eva@example.lt", password)

            for written in ["8 5 260 6083", "(8 5) 260 60 83", "+370 5 260 6083", "260 6083"] {
                #expect(try await names(api, written) == ["Vilniaus spauda"], "\(written)")
            }
            let page = try await browser.get("/search?q=8%205%20260%206083")
            #expect(page.body.string.contains("Vilniaus spauda"))
        }
    }

    /// The search index was rebuilt once (`CreateSearchEntries`): entries stored before it must still be found.
    @Test func entriesFromTheFirstSearchIndexAreStillFoundAfterItsRebuild() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            try await seed(api)
            // Back to the first index, holding what was stored, then forward again as an upgrade runs.
            try await NarrowSearchRanking().revert(on: app.db)
            try await CreateSearchEntries().revert(on: app.db)
            try await CreateSearchEntries().prepare(on: app.db)
            try await NarrowSearchRanking().prepare(on: app.db)
            #expect(try await names(api, "Zemaite") == ["Ona Žemaitė", "Zemaite Consulting", "Ozemaitex"])
            #expect(try await names(api, "612 345") == ["Ona Žemaitė"])
            #expect(try await names(api, "李") == ["李娜"])
        }
    }

    @Test func resultsArePagedAndWildcardsAreLiteral() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            for index in 1...5 { try await api.createAccount(["name": "Shop \(index)"]) }
            let first = try await api.decode(ListPage<CustomerSearch.Hit>.self, .GET, "/api/v1/search?q=shop&limit=2")
            let cursor = try #require(first.nextCursor)
            let second = try await api.decode(ListPage<CustomerSearch.Hit>.self, .GET, "/api/v1/search?q=shop&limit=2&cursor=\(cursor)")
            #expect(first.items.map(\.name) == ["Shop 1", "Shop 2"])
            #expect(second.items.map(\.name) == ["Shop 3", "Shop 4"])
            #expect(try await names(api, "%") == [])
            let empty = try await api.send(.GET, "/api/v1/search?q=")
            #expect(empty.status == .badRequest)
        }
    }
}

@Suite struct CompetitorTests {
    @Test func competitorInformationIsRecordedCheckedAndVersioned() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("sipho@example.co.za")
            let (other, _) = try await app.apiClient("other@example.co.za")
            let account = try await api.createAccount(["name": "Karoo Wol"])

            let bad = try await other.send(.POST, "/api/v1/accounts/\(account.id)/competitors", json: ["satisfaction": 9, "learnedOn": "soon"])
            #expect(bad.status == .unprocessableEntity)
            let fields = try ErrorBody.of(bad).fields
            #expect(fields?["competitor"] == "must not be empty")
            #expect(fields?["satisfaction"] == "must be from 1 to 5")
            #expect(fields?["learnedOn"] == "must be a date written YYYY-MM-DD")

            let entry = try await other.decode(CompetitorDTO.self, .POST, "/api/v1/accounts/\(account.id)/competitors", json: [
                "competitor": "Wolplaas", "product": "Merino blend", "satisfaction": 2, "competitorRep": "Jan de Wet",
                "repRelationship": "Golf partners", "learnedOn": "2026-10-01",
            ], status: .created)
            let changed = try await api.decode(CompetitorDTO.self, .PATCH, "/api/v1/competitors/\(entry.id)", json: ["satisfaction": 3], ifMatch: "\"1\"")
            #expect(changed.satisfaction == 3)
            #expect(changed.competitorRep == "Jan de Wet")
            let stale = try await other.send(.PATCH, "/api/v1/competitors/\(entry.id)", json: ["satisfaction": 1], ifMatch: "\"1\"")
            #expect(stale.status == .conflict)

            let card = try await api.decode(CustomerCards.AccountCard.self, .GET, "/api/v1/accounts/\(account.id)/card")
            #expect(card.competitors.map(\.competitor) == ["Wolplaas"])
            try await api.decode(CompetitorDTO.self, .POST, "/api/v1/competitors/\(entry.id)/archive")
            #expect(try await api.decode([CompetitorDTO].self, .GET, "/api/v1/accounts/\(account.id)/competitors").isEmpty)
        }
    }
}
