import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// The service desk through its pages: an admin sets up departments, hours and a rule; an agent opens a case from a
/// contact's card, answers it, notes and resolves it; queues, cards and the home page show it.
@Suite struct CasePagesTests {
    @Test func anAdminSetsUpTheDeskAndAnAgentWorksACaseFromTheContactCard() async throws {
        try await withTestApp { app in
            let stopped = CaseDeskTests.local("2026-11-30 09:00")
            app.clock = AppClock { stopped }
            let (_, adminPassword) = try await app.makeUser("admin@example.lt", role: .admin)
            let (agentUser, agentPassword) = try await app.makeUser("rasa@example.lt", role: .service, name: "Rasa Agentė")
            let admin = TestBrowser(app)
            try await admin.signIn("admin@example.lt", adminPassword)

            #expect(try await admin.get(Site.serviceSettings()).status == .ok)
            #expect(admin.lastBody.contains("No departments yet"))
            var page = try await admin.post(Site.departmentNew(), ["name": "Customer service", "memberIds[]": agentUser.id!.uuidString, "isDefault": "true"])
            #expect(page.status == .seeOther || page.status == .ok)
            page = try await admin.post(Site.departmentNew(), ["name": ""])
            #expect(page.status == .unprocessableEntity && admin.lastBody.contains("must not be empty"))
            page = try await admin.post(Site.departmentNew(), ["name": "Manufacturing"])
            let departments = try await Departments(db: app.db).all()
            #expect(departments.map(\.name) == ["Customer service", "Manufacturing"])
            #expect(departments.first?.members.map(\.id) == [agentUser.id!] && departments.first?.isDefault == true)
            let manufacturing = try #require(departments.last?.id)
            page = try await admin.post(Site.routingRuleNew(), ["departmentId": manufacturing.uuidString, "keyword": "seal"])
            #expect(try await Departments(db: app.db).rules().map(\.keyword) == ["seal"])
            page = try await admin.post(Site.routingRuleNew(), ["departmentId": manufacturing.uuidString])
            #expect(page.status == .unprocessableEntity && admin.lastBody.contains("at least one condition"))

            // Working hours: a bad span is named and nothing is saved; a good form is kept.
            var hours = ["timeZone": "Europe/Vilnius", "riskPercent": "80", "hours1": "09:00-17:00", "hours2": "9 to 5", "holidays": "2026-12-24"]
            for priority in CasePriority.allCases { hours["targets[first-\(priority.rawValue)-all]"] = "240"; hours["targets[resolution-\(priority.rawValue)-all]"] = "960" }
            page = try await admin.post(Site.serviceHours(), hours)
            #expect(page.status == .unprocessableEntity && admin.lastBody.contains("9 to 5 is not a span"))
            hours["hours2"] = "09:00-12:00, 13:00-17:00"
            page = try await admin.post(Site.serviceHours(), hours)
            let settings = try await ServiceSettings.load(on: app.db, defaultZone: .gmt)
            #expect(settings.riskPercent == 80 && settings.calendar.week[2]?.count == 2 && settings.calendar.holidays.map(\.description) == ["2026-12-24"])

            // The agent opens a complaint from the contact's card.
            let (seller, _) = try await app.apiClient("ona@example.lt")
            let account = try await seller.createAccount(["name": "Baltic Labels"])
            let contact = try await seller.createContact(["givenName": "Ieva", "accountId": account.id.uuidString])
            let agent = TestBrowser(app)
            try await agent.signIn("rasa@example.lt", agentPassword)
            #expect(try await agent.get(Site.contact(contact.id)).status == .ok)
            #expect(agent.lastBody.contains("Open cases") && agent.lastBody.contains(Site.caseNew() + "?contact=\(contact.id)"))
            #expect(try await agent.get(Site.caseNew() + "?contact=\(contact.id)").status == .ok)
            page = try await agent.post(Site.caseNew(), ["kind": "complaint", "subject": "", "priority": "high", "channel": "phone", "contactId": contact.id.uuidString])
            #expect(page.status == .unprocessableEntity && agent.lastBody.contains("must not be empty"))
            let description = String(repeating: "The seal on the lid leaks. ", count: 400)
            page = try await agent.post(Site.caseNew(), ["kind": "complaint", "subject": "Leaking lids", "description": description, "priority": "high",
                                                         "channel": "phone", "contactId": contact.id.uuidString])
            let item = try #require(try await ServiceCase.query(on: app.db).first())
            #expect(item.$department.id == manufacturing)
            #expect(item.details == description.trimmingCharacters(in: .whitespaces))
            #expect(try await agent.get(Site.serviceCase(item.id!)).status == .ok)
            #expect(agent.lastBody.contains("C-1001") && agent.lastBody.contains("Manufacturing") && agent.lastBody.contains("4 h left"))

            // Reply by phone, note, resolve; then the timeline holds each in order.
            page = try await agent.post(Site.caseReply(item.id!), ["body": "", "via": "phone"])
            #expect(page.status == .unprocessableEntity && agent.lastBody.contains("must not be empty"))
            page = try await agent.post(Site.caseReply(item.id!), ["body": "New lids are on their way.", "via": "phone"])
            page = try await agent.post(Site.caseNote(item.id!), ["body": "Batch 42 again."])
            page = try await agent.post(Site.caseStatus(item.id!), ["status": "resolved"])
            #expect(try await agent.get(Site.serviceCase(item.id!)).status == .ok)
            #expect(agent.lastBody.contains("New lids are on their way.") && agent.lastBody.contains("Batch 42 again.") && agent.lastBody.contains("Resolved"))
            #expect(agent.lastBody.contains("Reopen"))

            // The queue of Manufacturing lists active cases only; "any status" shows the resolved one.
            #expect(try await agent.get(Site.cases() + "?department=\(manufacturing)").status == .ok)
            #expect(agent.lastBody.contains("Manufacturing queue") && agent.lastBody.contains("No cases here."))
            #expect(try await agent.get(Site.cases() + "?department=\(manufacturing)&status=any").status == .ok)
            #expect(agent.lastBody.contains("Leaking lids"))
            #expect(try await agent.get("/").status == .ok)
            #expect(agent.lastBody.contains("Your open cases"))

            // The case is on the account's and the contact's timelines, opening the case; the API filters by it.
            for path in [Site.accountTimeline(account.id), Site.contactTimeline(contact.id), Site.contact(contact.id)] {
                #expect(try await agent.get(path).status == .ok)
                #expect(agent.lastBody.contains("href=\"\(Site.serviceCase(item.id!))\">C-1001 Complaint: Leaking lids</a>"), "\(path)")
            }
            let entries = try await seller.send(.GET, "/api/v1/accounts/\(account.id)/timeline?type=case").body.string
            #expect(entries.contains("\"type\":\"case\"") && entries.contains("\"summary\":\"Resolved\"") && !entries.contains("\"type\":\"change\""))
        }
    }
}
