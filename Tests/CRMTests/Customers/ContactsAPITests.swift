import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct ContactsAPITests {
    @Test func aFullProfileRoundTrips() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("li@example.cn")
            let account = try await api.createAccount(["name": "北京华联"])
            let contact = try await api.createContact([
                "accountId": account.id.uuidString, "givenName": "娜", "familyName": "李", "title": "采购经理", "department": "采购部",
                "phones": [["label": "mobile", "value": "+86 138 0013 8000"], ["label": "fax", "value": "+86 10 1234 5678"]],
                "emails": [["label": "work", "value": "Li.Na@Example.CN"]],
                "preferredChannel": "social", "buyingRole": "decision_maker",
                "profile": ["birthday": "1985-03-08", "family": "Married, one daughter", "homeTown": "杭州", "school": "北京大学",
                            "sports": "Badminton", "hobbies": "Calligraphy", "ambitions": "Regional director", "notes": "Prefers WeChat"],
                "socialProfiles": [["network": "WeChat", "handle": "lina_bj"]], "language": "zh-Hans",
                "mayEmail": true, "mayCall": false, "mayMarket": true, "tags": ["key person"],
            ])
            #expect(contact.displayName == "娜 李")
            let card = try await api.decode(CustomerCards.ContactCard.self, .GET, "/api/v1/contacts/\(contact.id)/card")
            #expect(card.contact.profile.homeTown == "杭州")
            #expect(card.contact.profile.birthday == "1985-03-08")
            #expect(card.contact.socialProfiles == [SocialProfileValue(network: "wechat", handle: "lina_bj")])
            #expect(card.contact.phones.map(\.normalized) == ["+8613800138000", "+861012345678"])
            #expect(card.contact.phones.map(\.label) == ["mobile", "fax"])
            #expect(card.contact.mayCall == false && card.contact.mayMarket == true)
            #expect(card.account?.name == "北京华联")
            #expect(card.history.map(\.kind) == ["created"])
        }
    }

    @Test func profileFieldsAreChecked() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("li@example.cn")
            let response = try await api.send(.POST, "/api/v1/contacts", json: [
                "profile": ["birthday": "1985-02-30"], "language": "Chinese", "buyingRole": "boss",
                "socialProfiles": [["network": "x", "handle": " "]], "accountId": UUID().uuidString,
            ])
            #expect(response.status == .unprocessableEntity)
            let fields = try #require(try ErrorBody.of(response).fields)
            #expect(fields["displayName"] == "or a given or family name is required")
            #expect(fields["profile.birthday"] == "must be a date written YYYY-MM-DD")
            #expect(fields["language"] != nil)
            #expect(fields["buyingRole"]?.hasPrefix("must be one of decision_maker") == true)
            #expect(fields["socialProfiles[0]"] != nil)
            #expect(fields["accountId"] == "is not an existing account")
        }
    }

    @Test func aContactMovesToAnotherAccountAndTheMoveIsOnTheTimeline() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("lucia@example.es")
            let old = try await api.createAccount(["name": "Pesca Norte"])
            let new = try await api.createAccount(["name": "Pesca Sur"])
            let contact = try await api.createContact(["givenName": "Lucía", "familyName": "Fernández", "accountId": old.id.uuidString])

            let moved = try await api.decode(ContactDTO.self, .PATCH, "/api/v1/contacts/\(contact.id)",
                                             json: ["accountId": new.id.uuidString], ifMatch: "\"1\"")
            #expect(moved.account?.name == "Pesca Sur")
            let card = try await api.decode(CustomerCards.ContactCard.self, .GET, "/api/v1/contacts/\(contact.id)/card")
            #expect(card.history.first?.summary == "Moved from Pesca Norte to Pesca Sur")
            let oldCard = try await api.decode(CustomerCards.AccountCard.self, .GET, "/api/v1/accounts/\(old.id)/card")
            #expect(oldCard.contacts.isEmpty)
        }
    }

    @Test func salesAndServiceEditOnlyContactsTheyOwn() async throws {
        try await withTestApp { app in
            let (owner, _) = try await app.apiClient("kavya@example.in", role: .service)
            let (other, _) = try await app.apiClient("other@example.in", role: .sales)
            let contact = try await owner.createContact(["displayName": "காவ்யா சுப்பிரமணியம்"])

            let denied = try await other.send(.PATCH, "/api/v1/contacts/\(contact.id)", json: ["title": "x"], ifMatch: "\"1\"")
            #expect(denied.status == .forbidden)
            let allowed = try await owner.decode(ContactDTO.self, .PATCH, "/api/v1/contacts/\(contact.id)", json: ["title": "மேலாளர்"], ifMatch: "\"1\"")
            #expect(allowed.title == "மேலாளர்")
            #expect(allowed.displayName == "காவ்யா சுப்பிரமணியம்")
        }
    }

    @Test func theAccountCardShowsTheOrganisationByDepartmentDecisionMakersFirst() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("sipho@example.co.za")
            let account = try await api.createAccount(["name": "Karoo Wol"])
            let id = account.id.uuidString
            try await api.createContact(["displayName": "Zanele", "department": "Purchasing", "buyingRole": "purchaser", "accountId": id])
            try await api.createContact(["displayName": "Pieter", "department": "Purchasing", "buyingRole": "decision_maker", "accountId": id])
            try await api.createContact(["displayName": "Anna", "department": "Production", "buyingRole": "user", "accountId": id])
            try await api.createContact(["displayName": "Nomsa", "accountId": id])

            let card = try await api.decode(CustomerCards.AccountCard.self, .GET, "/api/v1/accounts/\(account.id)/card")
            #expect(card.organisation.map(\.department) == ["Production", "Purchasing", nil])
            #expect(card.organisation[1].people.map(\.displayName) == ["Pieter", "Zanele"])
            #expect(card.contacts.count == 4)
        }
    }
}
