import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct CustomerInputRulesTests {
    @Test func unknownFieldsAreRejectedOnCreateAndPatch() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            let create = try await api.send(.POST, "/api/v1/contacts", json: ["displayName": "Ona", "emial": "ona@example.lt"])
            #expect(create.status == .unprocessableEntity)
            #expect(try ErrorBody.of(create).fields == ["emial": "is not a field of this resource"])
            #expect(try await Contact.query(on: app.db).count() == 0)

            let account = try await api.createAccount(["name": "Pienas"])
            let patch = try await api.send(.PATCH, "/api/v1/accounts/\(account.id)", json: ["nmae": "Typo"], ifMatch: "\"1\"")
            #expect(patch.status == .unprocessableEntity)
            #expect(try ErrorBody.of(patch).fields?["nmae"] == "is not a field of this resource")
            let deal = try await api.send(.POST, "/api/v1/opportunities", json: ["name": "X", "accountId": account.id.uuidString,
                                                                                "expectedClose": "2027-01-01", "value": 5])
            #expect(try ErrorBody.of(deal).fields?["value"] == "is not a field of this resource")
        }
    }

    @Test func aOneMegabyteNameIsRefusedAndNothingStored() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            let huge = String(repeating: "Ž", count: 500_000)  // 1 MB in UTF-8
            let response = try await api.send(.POST, "/api/v1/accounts", json: ["name": huge])
            #expect(response.status == .unprocessableEntity)
            #expect(try ErrorBody.of(response).fields?["name"] == "must be at most 200 characters")
            #expect(try await Account.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: ["not a url", "ftp://files.example.lt", "localhost", "https://", "http://.lt"])
    func invalidWebsitesAreFieldErrors(website: String) async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            let response = try await api.send(.POST, "/api/v1/accounts", json: ["name": "Pienas", "website": website])
            #expect(try ErrorBody.of(response).fields?["website"] == "must be a web address such as example.lt or https://example.lt")
        }
    }

    @Test func invalidEmailPhoneAndBirthdayAreFieldErrors() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            let response = try await api.send(.POST, "/api/v1/contacts", json: [
                "displayName": "Ona", "emails": [["value": "ona@"]], "phones": [["value": "+370 abc"]], "profile": ["birthday": "31.02.1980"],
            ])
            let fields = try #require(try ErrorBody.of(response).fields)
            #expect(fields["emails[0].value"] == "must be a valid email address")
            #expect(fields["phones[0].value"]?.hasPrefix("may only contain") == true)
            #expect(fields["profile.birthday"] == "must be a date written YYYY-MM-DD")
        }
    }

    @Test func oneNumberWrittenFiveWaysFindsTheSameContact() async throws {
        try await withTestApp { app in
            app.config.defaultCountry = "LT"
            let (api, _) = try await app.apiClient("ona@example.lt")
            let contact = try await api.createContact(["displayName": "Ona", "phones": [["value": "+370 612 34567"]]])
            for written in ["+37061234567", "+370-612-34567", "8 (612) 34567", "00370 612 34567", "0612 345 67"] {
                let escaped = written.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let result = try await api.decode(CallerLookup.Result.self, .GET, "/api/v1/lookup?phone=\(escaped)")
                #expect(result.matches.map(\.id) == [contact.id], "\(written)")
            }
        }
    }

    /// Who may change an account another user owns, and an account they own, by role.
    @Test(arguments: [(Role.admin, true, true), (.manager, true, true), (.sales, false, true), (.service, false, true)])
    func permissionsByRole(role: Role, othersAllowed: Bool, ownAllowed: Bool) async throws {
        try await withTestApp { app in
            let (owner, _) = try await app.apiClient("owner@example.lt")
            let (actor, _) = try await app.apiClient("actor@example.lt", role: role)
            let others = try await owner.createAccount(["name": "Theirs"])
            let own = try await actor.createAccount(["name": "Mine"])

            let onOthers = try await actor.send(.PATCH, "/api/v1/accounts/\(others.id)", json: ["industry": "x"], ifMatch: "\"1\"")
            let onOwn = try await actor.send(.PATCH, "/api/v1/accounts/\(own.id)", json: ["industry": "x"], ifMatch: "\"1\"")
            #expect((onOthers.status == .ok) == othersAllowed)
            #expect((onOwn.status == .ok) == ownAllowed)
            #expect(try await actor.send(.GET, "/api/v1/accounts/\(others.id)").status == .ok)
            let erase = try await actor.send(.DELETE, "/api/v1/accounts/\(others.id)")
            #expect(erase.status == (role == .admin ? .noContent : .forbidden))
        }
    }
}
