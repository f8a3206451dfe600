import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct AccountsAPITests {
    @Test func unicodeNamesAndAllFieldsRoundTrip() async throws {
        try await withTestApp { app in
            let (api, me) = try await app.apiClient("sipho@example.co.za")
            for name in ["Žemaitijos pienas, AB", "Boere-Koöperasie Bpk.", "北京华联商厦股份有限公司", "Compañía Española de Pesca", "தமிழ்நாடு வணிகம்"] {
                let created = try await api.createAccount([
                    "name": name, "kind": "company", "industry": "Food", "sizeBand": "251-1000", "website": "https://example.lt",
                    "addresses": [["kind": "office", "street": "Gedimino pr. 1", "city": "Vilnius", "postalCode": "01103", "country": "lt"]],
                    "phones": [["label": "work", "value": "+370 5 212 3456"]], "emails": [["value": "Info@Example.LT"]],
                    "businessNotes": "Buys every quarter", "annualPurchaseVolumeMinor": 125_000_00, "typicalPriceMinor": 4_50,
                    "currency": "eur", "salesGoals": "Grow 10 %", "productUsage": "Packaging line", "tags": ["VIP", "dairy", "vip"],
                ])
                let fetched = try await api.decode(AccountDTO.self, .GET, "/api/v1/accounts/\(created.id)")
                #expect(fetched.name == name)
                #expect(fetched.owner?.id == me.id)
                #expect(fetched.createdBy?.id == me.id)
                #expect(fetched.addresses.first?.country == "LT")
                #expect(fetched.phones.first?.normalized == "+37052123456")
                #expect(fetched.emails.first?.value == "info@example.lt")
                #expect(fetched.currency == "EUR")
                #expect(fetched.annualPurchaseVolumeMinor == 12_500_000)
                #expect(fetched.tags == ["vip", "dairy"])
                #expect(fetched.version == 1)
            }
        }
    }

    @Test func badFieldsAreNamedAndNothingIsStored() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("sipho@example.co.za")
            let response = try await api.send(.POST, "/api/v1/accounts", json: [
                "name": " ", "kind": "club", "phones": [["value": "+370 5"], ["value": "call me"]],
                "emails": [["value": "nope"]], "annualPurchaseVolumeMinor": -5, "addresses": [["kind": "office", "country": "Lithuania"]],
                "parentId": UUID().uuidString,
            ])
            #expect(response.status == .unprocessableEntity)
            let fields = try #require(try ErrorBody.of(response).fields)
            #expect(fields["name"] == "must not be empty")
            #expect(fields["kind"] == "must be one of company, individual")
            #expect(fields["phones[0].value"] == "is too short to be a telephone number")
            #expect(fields["phones[1].value"]?.hasPrefix("may only contain digits") == true)
            #expect(fields["emails[0].value"] == "must be a valid email address")
            #expect(fields["annualPurchaseVolumeMinor"] == "must not be negative")
            #expect(fields["currency"] == "is required when an amount is given")
            #expect(fields["addresses[0].country"] != nil)
            #expect(fields["parentId"] == "is not an existing account")
            #expect(try await Account.query(on: app.db).count() == 0)
            #expect(try await ContactPoint.query(on: app.db).count() == 0)
        }
    }

    @Test func wrongJSONTypesAreABadRequest() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("sipho@example.co.za")
            let response = try await api.send(.POST, "/api/v1/accounts", json: ["name": 42])
            #expect(response.status == .badRequest)
            #expect(try ErrorBody.of(response).fields?["name"] == "must be a string")
        }
    }

    @Test func patchChangesOnlyWhatIsSentAndNeedsTheCurrentVersion() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("sipho@example.co.za")
            let account = try await api.createAccount(["name": "Karoo Wol", "industry": "Textiles", "tags": ["wool"]])

            let read = try await api.send(.GET, "/api/v1/accounts/\(account.id)")
            #expect(read.headers.first(name: .eTag) == "\"1\"")
            let missing = try await api.send(.PATCH, "/api/v1/accounts/\(account.id)", json: ["industry": "Farming"])
            #expect(missing.status == .preconditionRequired)

            let patched = try await api.decode(AccountDTO.self, .PATCH, "/api/v1/accounts/\(account.id)",
                                               json: ["industry": "Farming", "website": NSNull()], ifMatch: "\"1\"")
            #expect(patched.industry == "Farming")
            #expect(patched.name == "Karoo Wol")
            #expect(patched.tags == ["wool"])
            #expect(patched.version == 2)

            let stale = try await api.send(.PATCH, "/api/v1/accounts/\(account.id)", json: ["industry": "Mining"], ifMatch: "\"1\"")
            #expect(stale.status == .conflict)
            #expect(try ErrorBody.of(stale).code == "conflict")
            let now = try await api.decode(AccountDTO.self, .GET, "/api/v1/accounts/\(account.id)")
            #expect(now.industry == "Farming")
            #expect(now.version == 2)
        }
    }

    @Test func anInvalidPatchLeavesTheRecordAndItsVersionAlone() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("sipho@example.co.za")
            let account = try await api.createAccount(["name": "Karoo Wol", "phones": [["value": "+27 21 555 1234"]]])
            let response = try await api.send(.PATCH, "/api/v1/accounts/\(account.id)", json: ["name": "", "phones": [["value": "x"]]], ifMatch: "\"1\"")
            #expect(response.status == .unprocessableEntity)
            let now = try await api.decode(AccountDTO.self, .GET, "/api/v1/accounts/\(account.id)")
            #expect(now.name == "Karoo Wol")
            #expect(now.phones.map(\.normalized) == ["+27215551234"])
            #expect(now.version == 1)
        }
    }

    @Test func onlyTheOwnerManagersAndAdminsChangeAnAccount() async throws {
        try await withTestApp { app in
            let (owner, _) = try await app.apiClient("owner@example.lt")
            let (colleague, _) = try await app.apiClient("colleague@example.lt", role: .service)
            let (manager, _) = try await app.apiClient("manager@example.lt", role: .manager)
            let account = try await owner.createAccount(["name": "Baltic Amber"])

            let read = try await colleague.send(.GET, "/api/v1/accounts/\(account.id)")
            #expect(read.status == .ok)
            let denied = try await colleague.send(.PATCH, "/api/v1/accounts/\(account.id)", json: ["industry": "x"], ifMatch: "\"1\"")
            #expect(denied.status == .forbidden)
            let deniedArchive = try await colleague.send(.POST, "/api/v1/accounts/\(account.id)/archive")
            #expect(deniedArchive.status == .forbidden)
            let allowed = try await manager.decode(AccountDTO.self, .PATCH, "/api/v1/accounts/\(account.id)", json: ["industry": "Jewellery"], ifMatch: "\"1\"")
            #expect(allowed.industry == "Jewellery")
        }
    }

    @Test func reassigningTheOwnerIsLogged() async throws {
        try await withTestApp { app in
            let (owner, me) = try await app.apiClient("owner@example.lt")
            let (other, _) = try await app.makeUser("lina@example.lt", name: "Lina")
            let account = try await owner.createAccount(["name": "Baltic Amber"])

            let moved = try await owner.decode(AccountDTO.self, .PATCH, "/api/v1/accounts/\(account.id)",
                                               json: ["ownerId": other.id!.uuidString], ifMatch: "\"1\"")
            #expect(moved.owner?.id == other.id)
            let card = try await owner.decode(CustomerCards.AccountCard.self, .GET, "/api/v1/accounts/\(account.id)/card")
            let event = try #require(card.history.first)
            #expect(event.kind == "owner_changed")
            #expect(event.summary == "Owner changed from owner@example.lt to Lina")
            #expect(event.actor?.id == me.id)
        }
    }

    @Test func salesCreateOnlyForThemselvesManagersForAnyone() async throws {
        try await withTestApp { app in
            let (sales, _) = try await app.apiClient("sales@example.lt")
            let (manager, _) = try await app.apiClient("manager@example.lt", role: .manager)
            let (other, _) = try await app.makeUser("other@example.lt")

            let refused = try await sales.send(.POST, "/api/v1/accounts", json: ["name": "X", "ownerId": other.id!.uuidString])
            #expect(refused.status == .unprocessableEntity)
            #expect(try ErrorBody.of(refused).fields?["ownerId"] != nil)
            let assigned = try await manager.createAccount(["name": "Y", "ownerId": other.id!.uuidString])
            #expect(assigned.owner?.id == other.id)
        }
    }

    @Test func anAccountCannotBeItsOwnAncestor() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("sales@example.lt")
            let group = try await api.createAccount(["name": "Group"])
            let subsidiary = try await api.createAccount(["name": "Subsidiary", "parentId": group.id.uuidString])
            let loop = try await api.send(.PATCH, "/api/v1/accounts/\(group.id)", json: ["parentId": subsidiary.id.uuidString], ifMatch: "\"1\"")
            #expect(loop.status == .unprocessableEntity)
            #expect(try ErrorBody.of(loop).fields?["parentId"] == "would make the account its own parent")
            let card = try await api.decode(CustomerCards.AccountCard.self, .GET, "/api/v1/accounts/\(group.id)/card")
            #expect(card.subsidiaries.map(\.name) == ["Subsidiary"])
        }
    }
}
