import Foundation
import Testing
import VaporTesting
@testable import CRM

/// The everyday paths read what they show in a fixed number of SQL statements, however much there is to show:
/// each is counted with a few rows and with many, and the count is pinned, so a new query (or a loop of them)
/// is noticed here before a benchmark finds it.
@Suite struct HotPathStatementTests {
    struct Customer {
        let account: UUID
        let contact: UUID
        let phone: String
    }

    /// An account with `people` contacts (phones, emails, tags), each with `people` interactions on the account.
    private func customer(_ api: APIClient, people: Int) async throws -> Customer {
        let account = try await api.createAccount(["name": "Statements \(people) UAB", "tags": ["key"],
                                                   "phones": [["label": "work", "value": "+370 5 200 \(1000 + people)"]]])
        var first: ContactDTO?
        for index in 0..<people {
            let contact = try await api.createContact([
                "givenName": "Person\(index)", "familyName": "Count\(people)", "accountId": account.id.uuidString,
                "phones": [["label": "mobile", "value": "+370 612 \(String(10_000 + people * 100 + index))"],
                           ["label": "work", "value": "+370 5 210 \(String(1_000 + people * 100 + index))"]],
                "emails": [["label": "work", "value": "p\(index)-\(people)@statements.example"]],
                "tags": ["buyer", "vip"], "department": index % 2 == 0 ? "Purchasing" : "Quality",
            ])
            first = first ?? contact
            try await api.decode(Ignored.self, .POST, "/api/v1/interactions", json: [
                "kind": "call", "direction": "outbound", "contactIds": [first!.id.uuidString, contact.id.uuidString],
                "subject": "Call \(index)", "durationSeconds": 60,
            ], status: .created)
        }
        let contact = try #require(first)
        return Customer(account: account.id, contact: contact.id, phone: try #require(contact.phones.first?.value))
    }

    private struct Ignored: Decodable { init(from decoder: any Decoder) throws {} }

    /// The statements of each path, leaving out the sign-in cache's look at its generation (twice a second at most).
    private func counts(people: Int) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try await withTestApp { app in
            // A stopped clock: on a loaded machine a minute passed between a warm-up and its count, and the session's
            // sliding expiry was written once more (a statement counted for one run and not the other).
            let stopped = app.clock.now()
            app.clock = AppClock { stopped }
            let (api, _) = try await app.apiClient("seller@example.lt", role: .manager)
            let (_, password) = try await app.makeUser("reader@example.lt", role: .manager)
            let customer = try await customer(api, people: people)
            let browser = TestBrowser(app)
            try await browser.signIn("reader@example.lt", password)
            try await browser.get("/")

            func count(_ name: String, _ statements: [String], _ status: HTTPStatus) {
                #expect(status == .ok, "\(name)")
                counts[name] = statements.filter { !$0.contains(AuthCache.stateTable) }.count
                if ProcessInfo.processInfo.environment["SHOW_SQL"] != nil { print("== \(name) (\(people))\n" + statements.joined(separator: "\n")) }
            }
            let apiPaths = [
                ("contacts list (API)", "/api/v1/contacts?limit=100"),
                ("accounts list (API)", "/api/v1/accounts?limit=100"),
                ("contact card (API)", "/api/v1/contacts/\(customer.contact)/card"),
                ("account card (API)", "/api/v1/accounts/\(customer.account)/card"),
                ("contact timeline (API)", "/api/v1/contacts/\(customer.contact)/timeline"),
                ("account timeline (API)", "/api/v1/accounts/\(customer.account)/timeline"),
                ("caller lookup (API)", "/api/v1/lookup?phone=" + (customer.phone.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")),
            ]
            for (name, path) in apiPaths {
                _ = try await api.statements(get: path) // warm: the sign-in cache and prepared statements
                let (response, statements) = try await api.statements(get: path)
                count(name, statements, response.status)
            }
            // Writes: a new account, and a contact's title changed.
            let (created, creating) = try await api.statements(.POST, get: "/api/v1/accounts", json: [
                "name": "Written \(people) UAB", "tags": ["key", "dairy"], "phones": [["label": "work", "value": "+370 5 230 \(1000 + people)"]],
            ])
            #expect(created.status == .created)
            counts["create an account (API)"] = creating.filter { !$0.contains(AuthCache.stateTable) }.count
            let (updated, updating) = try await api.statements(.PATCH, get: "/api/v1/contacts/\(customer.contact)", json: ["title": "Buyer"], ifMatch: "\"1\"")
            #expect(updated.status == .ok, "\(updated.body.string)")
            counts["update a contact (API)"] = updating.filter { !$0.contains(AuthCache.stateTable) }.count
            if ProcessInfo.processInfo.environment["SHOW_SQL"] != nil { print("== writes\n" + (creating + updating).joined(separator: "\n")) }

            let pages = [
                ("contacts list page", "/contacts"),
                ("accounts list page", "/accounts"),
                ("contact card page", "/contacts/\(customer.contact)"),
                ("account card page", "/accounts/\(customer.account)"),
                ("contact timeline page", "/contacts/\(customer.contact)/timeline"),
                ("caller screen", "/lookup?phone=" + (customer.phone.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")),
            ]
            for (name, path) in pages {
                _ = try await browser.statements(get: path)
                let (response, statements) = try await browser.statements(get: path)
                count(name, statements, response.status)
            }
        }
        return counts
    }

    @Test func everyHotPathRunsAFixedNumberOfStatements() async throws {
        let few = try await counts(people: 2)
        let many = try await counts(people: 12)
        #expect(few == many, "the count grows with the rows shown: \(few) against \(many)")
        // Pinned: lower them when a path gets leaner; a rise needs a reason.
        let pinned = [
            "contacts list (API)": 3, "accounts list (API)": 3, "contact card (API)": 6, "account card (API)": 9,
            "contact timeline (API)": 6, "account timeline (API)": 8, "caller lookup (API)": 4,
            "contacts list page": 5, "accounts list page": 6, "contact card page": 15, "account card page": 28,
            "contact timeline page": 8, "caller screen": 10,
        ]
            // Writes: SQLite logs only the statements around the write's transaction (checks, the answer) with the
            // request id, as those inside run on the transaction's connection; PostgreSQL logs all of them.
            .merging(isPostgresRun ? ["create an account (API)": 14, "update a contact (API)": 17]
                                   : ["create an account (API)": 4, "update a contact (API)": 7]) { $1 }
        #expect(many == pinned)
    }
}
