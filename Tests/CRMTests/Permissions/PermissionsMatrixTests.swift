import CRMCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CRM

/// Every registered route, API and page, asked by every role and by nobody: the answer must match
/// `PermissionsMatrix`, and a route without a row there fails.
@Suite struct PermissionsMatrixTests {
    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    @Test func everyRouteHasADecisionAndNoDecisionIsStale() async throws {
        try await withTestApp { app in
            let registered = Set(app.routes.all.map(Self.key))
            let decided = Set(PermissionsMatrix.rows.keys)
            #expect(registered.subtracting(decided).sorted() == [], "routes without a row in PermissionsMatrix")
            #expect(decided.subtracting(registered).sorted() == [], "rows for routes that no longer exist")
        }
    }

    @Test func everyRoleGetsWhatTheMatrixSays() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            defer { try? FileManager.default.removeItem(at: folder.url) }
            app.config.sendmail = [folder.failing]
            let world = try await World.make(app)
            // Sign-out ends the session, so it goes last; public routes are checked without a user below.
            let routes = app.routes.all.filter { Self.key($0) != "POST /signout" } + app.routes.all.filter { Self.key($0) == "POST /signout" }
            for role in [Role.service, .sales, .manager, .admin] {
                let (api, _) = try await app.apiClient("\(role.rawValue)-matrix@example.com", role: role)
                let (_, password) = try await app.makeUser("\(role.rawValue)-pages@example.com", role: role)
                let browser = TestBrowser(app)
                try await browser.signIn("\(role.rawValue)-pages@example.com", password)
                try await browser.get("/")
                for route in routes {
                    let key = Self.key(route)
                    guard let access = PermissionsMatrix.rows[key] else { continue }
                    if case .publicRoute = access { continue }
                    let (status, location) = try await world.send(route, api: api, browser: browser)
                    if access.allows(role) {
                        let signedOut = location?.hasPrefix("/signin") == true && key != "POST /signout"
                        #expect(![.unauthorized, .forbidden].contains(status) && status.code < 500 && !signedOut,
                                "\(role) should be allowed \(key), got \(status.code)")
                    } else {
                        #expect(status == .forbidden, "\(role) should be refused \(key), got \(status.code)")
                    }
                }
            }
            let nobody = APIClient(app: app, token: "")
            let stranger = TestBrowser(app)
            for route in app.routes.all {
                let key = Self.key(route)
                guard let access = PermissionsMatrix.rows[key] else { continue }
                let (status, location) = try await world.send(route, api: nobody, browser: stranger)
                if case .publicRoute = access {
                    if route.method == .GET { #expect(status.code < 400 || status == .serviceUnavailable, "\(key) is public, got \(status.code)") }
                } else {
                    #expect([.unauthorized, .forbidden].contains(status) || location?.hasPrefix("/signin") == true,
                            "\(key) must be refused without a user, got \(status.code)")
                }
            }
        }
    }

    /// One record of each kind, owned by another salesperson, to fill the routes' parameters.
    struct World {
        let parameters: [String: String]

        static func make(_ app: Application) async throws -> World {
            let (owner, ownerUser) = try await app.apiClient("owner@example.com", role: .sales)
            let (manager, _) = try await app.apiClient("catalogue@example.com", role: .manager)
            let account = try await owner.createAccount(["name": "Matrix Ltd"])
            let contact = try await owner.createContact(["givenName": "Mia", "accountId": account.id.uuidString, "emails": [["value": "mia@matrix.example"]]])
            let competitor = try await owner.send(.POST, "/api/v1/accounts/\(account.id)/competitors", json: ["competitor": "Rival"])
            let product = try await manager.send(.POST, "/api/v1/products", json: ["sku": "M-1", "name": "Matrix", "priceMinor": 1_000, "costMinor": 500])
            let deal = try await owner.send(.POST, "/api/v1/opportunities", json: [
                "accountId": account.id.uuidString, "name": "Matrix deal", "amountMinor": 100, "currency": "EUR", "expectedClose": "2027-01-31"])
            let order = try await owner.send(.POST, "/api/v1/orders", json: ["accountId": account.id.uuidString, "lines": [["productId": try Self.id(product), "quantity": 1]]])
            let invoice = try await owner.send(.POST, "/api/v1/orders/\(try Self.id(order))/invoices", json: [:])
            let note = try await owner.send(.POST, "/api/v1/interactions", json: ["kind": "note", "contactIds": [contact.id.uuidString], "subject": "Matrix"])
            #expect(try await owner.send(.POST, "/api/v1/contacts/\(contact.id)/emails", json: ["subject": "Hello", "body": "Hi"]).status == .accepted)
            let mail = try #require(try await OutboundMail.query(on: app.db).first())
            let token = try #require(try await APIToken.query(on: app.db).filter(\.$user.$id == ownerUser.requireID()).first())
            let pipeline = try #require(try await Pipeline.query(on: app.db).first())
            let stage = try #require(try await PipelineStage.query(on: app.db).filter(\.$name == "Negotiation").first())
            let task = try await owner.send(.POST, "/api/v1/tasks", json: ["title": "Call Mia", "dueOn": "2027-01-15", "contactId": contact.id.uuidString])
            let feed = try await TaskPreferences(db: app.db).newFeedToken(for: try ownerUser.requireID(), now: Date())
            let department = try await Departments(db: app.db).save(.init(name: "Matrix desk"))
            let rule = try await Departments(db: app.db).addRule(.init(departmentId: department, keyword: "matrix"))
            let serviceCase = try await owner.send(.POST, "/api/v1/cases", json: ["kind": "complaint", "subject": "Matrix broke", "contactId": contact.id.uuidString])
            let plan = try await manager.send(.POST, "/api/v1/revisit-plans", json: ["name": "Matrix visits", "kind": "visit", "intervalDays": 30,
                                                                                   "accountId": account.id.uuidString])
            let greeting = try await manager.send(.POST, "/api/v1/greetings", json: ["calendar": "LT", "holidayDay": "2026-12-25", "holidayName": "Christmas Day"])
            let surveyToken = "matrix-survey"
            try await app.db.sql.insert(into: "case_surveys").columns("id", "case_id", "round", "token_hash", "sent_at", "expires_at")
                .values(SQLBind(UUID()), SQLBind(UUID(uuidString: try Self.id(serviceCase))!), SQLBind(0), SQLBind(APIToken.digest(surveyToken)),
                        SQLBind(Date()), SQLBind(Date().addingTimeInterval(86_400))).run()
            return World(parameters: [
                "accountID": account.id.uuidString, "contactID": contact.id.uuidString, "competitorID": try Self.id(competitor),
                "productID": try Self.id(product), "opportunityID": try Self.id(deal), "orderID": try Self.id(order),
                "invoiceID": try Self.invoiceID(invoice), "interactionID": try Self.id(note), "mailID": mail.id!.uuidString,
                "tokenID": token.id!.uuidString, "userID": ownerUser.id!.uuidString, "pipelineID": pipeline.id!.uuidString,
                "stageID": stage.id!.uuidString, "kind": "orders", "taskID": try Self.id(task), "token": feed,
                "caseID": try Self.id(serviceCase), "surveyToken": surveyToken, "departmentID": department.uuidString, "ruleID": rule.uuidString,
                "planID": try Self.id(plan), "greetingID": try Self.id(greeting), "calendar": "Matrix",
            ])
        }

        static func id(_ response: TestingHTTPResponse) throws -> String {
            #expect([.created, .ok].contains(response.status), "\(response.body.string)")
            let object = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as! [String: Any]
            return object["id"] as! String
        }

        static func invoiceID(_ response: TestingHTTPResponse) throws -> String {
            let object = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as! [String: Any]
            return (object["id"] ?? (object["invoice"] as? [String: Any])?["id"]) as! String
        }

        func path(_ route: Route) -> String {
            "/" + route.path.map { component -> String in
                switch component {
                case let .parameter(name): parameters[name] ?? UUID().uuidString
                case .anything, .catchall: String(Stylesheet.path.split(separator: "/").last!)
                case let .constant(text): text
                }
            }.joined(separator: "/")
        }

        /// The answer's status and, for a redirect, where to.
        func send(_ route: Route, api: APIClient, browser: TestBrowser) async throws -> (HTTPStatus, String?) {
            let path = path(route)
            if path.hasPrefix("/api/v1/") {
                let body: [String: Any]? = [.POST, .PUT, .PATCH].contains(route.method)
                    ? PermissionsMatrix.samples[PermissionsMatrixTests.key(route)] ?? [:] : nil
                let response = try await api.send(route.method, path, json: body)
                return (response.status, response.headers.first(name: .location))
            }
            let response = route.method == .GET ? try await browser.get(path) : try await browser.post(path)
            return (response.status, response.headers.first(name: .location))
        }
    }
}
