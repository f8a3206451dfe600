import CRMCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting
@testable import CRM

/// Cases are routed, assigned, timed in working hours and warned about once; status moves follow the rules.
@Suite struct CaseDeskTests {
    static let vilnius = TimeZone(identifier: "Europe/Vilnius")!

    /// An instant as the wall clock in Vilnius shows it.
    static func local(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        return TaskDue(day: CalendarDate(String(parts[0]))!, minuteOfDay: TaskDue.minute(parsing: String(parts[1]))!, timeZone: vilnius).instant
    }

    struct Desk {
        let clock: NIOLockedValueBox<Date>
        let service: UUID
        let manufacturing: UUID
        let agent: APIClient
        let seller: APIClient
        let sellerUser: User
        let manager: User
        let account: AccountDTO
        let contact: ContactDTO

        func at(_ text: String) { clock.withLockedValue { $0 = CaseDeskTests.local(text) } }
    }

    /// Office hours in Vilnius; Service (the default, where the seller works) and Manufacturing (a manager, routed by
    /// the word "crack"); a customer owned by the seller; Monday 30 November 2026, 09:00.
    static func desk(_ app: Application) async throws -> Desk {
        let clock = NIOLockedValueBox(local("2026-11-30 09:00"))
        app.clock = AppClock { clock.withLockedValue { $0 } }
        let (agent, _) = try await app.apiClient("rasa@example.lt", role: .service)
        let (seller, sellerUser) = try await app.apiClient("ona@example.lt", role: .sales)
        let (manager, _) = try await app.makeUser("jonas@example.lt", role: .manager)
        var targets = SLATarget.defaults.filter { $0.tier == nil }.map { ["priority": $0.priority.rawValue, "firstResponseMinutes": $0.firstResponseMinutes,
                                                                          "resolutionMinutes": $0.resolutionMinutes] as [String: Any] }
        targets.append(["priority": "normal", "tier": "A", "firstResponseMinutes": 120, "resolutionMinutes": 480])
        let (admin, _) = try await app.apiClient("admin@example.lt", role: .admin)
        let saved = try await admin.send(.PUT, "/api/v1/service-settings", json: [
            "timeZone": "Europe/Vilnius", "hours": ["1": ["09:00-17:00"], "2": ["09:00-17:00"], "3": ["09:00-17:00"], "4": ["09:00-17:00"], "5": ["09:00-17:00"]],
            "holidays": ["2026-12-24", "2026-12-25"], "riskPercent": 75, "targets": targets, "supportAddresses": ["Support@Labels.example"]])
        #expect(saved.status == .ok, "\(saved.body.string)")
        let service = try await admin.create(Departments.Summary.self, "/api/v1/departments", json: [
            "name": "Service", "isDefault": true, "memberIds": [sellerUser.id!.uuidString]])
        let manufacturing = try await admin.create(Departments.Summary.self, "/api/v1/departments", json: [
            "name": "Manufacturing", "managerId": manager.id!.uuidString])
        #expect(try await admin.send(.POST, "/api/v1/case-routing-rules", json: ["departmentId": manufacturing.id.uuidString, "keyword": "crack"]).status == .created)
        let account = try await seller.createAccount(["name": "Baltic Labels"])
        let contact = try await seller.createContact(["givenName": "Ieva", "familyName": "Kairė", "accountId": account.id.uuidString,
                                                      "emails": [["value": "ieva@baltic.example"]], "mayEmail": true])
        return Desk(clock: clock, service: service.id, manufacturing: manufacturing.id, agent: agent, seller: seller, sellerUser: sellerUser,
                    manager: manager, account: account, contact: contact)
    }

    @Test func casesAreRoutedAssignedAndTimedInWorkingHours() async throws {
        try await withTestApp { app in
            let desk = try await Self.desk(app)
            // "cracked" routes to Manufacturing, where the owner does not work: its queue.
            let cracked = try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: [
                "kind": "complaint", "subject": "Label rolls arrive cracked", "contactId": desk.contact.id.uuidString, "channel": "phone"])
            #expect(cracked.department.id == desk.manufacturing && cracked.assignee == nil && cracked.account?.id == desk.account.id)
            #expect(cracked.reference == "C-1001" && cracked.status == "new")
            #expect(cracked.firstResponse.dueAt == Self.local("2026-11-30 17:00") && cracked.firstResponse.targetMinutes == 480)
            // A question goes to the default department, where the customer's owner works: theirs.
            let question = try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: [
                "kind": "question", "subject": "Invoice total", "accountId": desk.account.id.uuidString, "priority": "high"])
            #expect(question.department.id == desk.service && question.assignee?.id == desk.sellerUser.id)
            #expect(question.firstResponse.dueAt == Self.local("2026-11-30 13:00"))
            // Friday afternoon: the clock stops at five and runs on from Monday nine.
            desk.at("2026-12-04 16:00")
            let friday = try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: ["kind": "question", "subject": "Delivery date", "priority": "high"])
            #expect(friday.firstResponse.dueAt == Self.local("2026-12-07 12:00") && friday.firstResponse.standing == "on track")

            // Bad input names its field; an unknown department is refused.
            let bad = try await desk.agent.send(.POST, "/api/v1/cases", json: ["kind": "rant", "subject": "", "priority": "soon", "departmentId": UUID().uuidString])
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(try ErrorBody.of(bad).fields?.keys ?? [:].keys) == ["kind", "subject", "priority", "departmentId"])
            #expect(try await ServiceCase.query(on: app.db).count() == 3)

            // The queues: Manufacturing's holds the cracked rolls; the seller's own cases hold the question.
            let queue = try await desk.agent.decode(ListPage<CaseDTO>.self, .GET, "/api/v1/cases?department=\(desk.manufacturing)")
            #expect(queue.items.map(\.id) == [cracked.id])
            let mine = try await desk.seller.decode(ListPage<CaseDTO>.self, .GET, "/api/v1/cases?assignee=me")
            #expect(mine.items.map(\.id) == [question.id])
            let all = try await desk.agent.decode(ListPage<CaseDTO>.self, .GET, "/api/v1/cases")
            #expect(all.items.map(\.id) == [question.id, cracked.id, friday.id], "most urgent first")
        }
    }

    @Test func tierACustomersGetTheirTighterTargets() async throws {
        try await withTestApp { app in
            let desk = try await Self.desk(app)
            try await app.db.sql.insert(into: "account_tiers").columns("id", "account_id", "tier", "profit_minor", "computed_at")
                .values(SQLBind(UUID()), SQLBind(desk.account.id), SQLBind("A"), SQLBind(Int64(1_000_000)), SQLBind(Date())).run()
            let item = try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: ["kind": "question", "subject": "Price list", "accountId": desk.account.id.uuidString])
            #expect(item.tier == "A" && item.firstResponse.targetMinutes == 120 && item.resolution.targetMinutes == 480)
            #expect(item.firstResponse.dueAt == Self.local("2026-11-30 11:00"))
        }
    }

    @Test func statusMovesFollowTheRulesAndPauseTheClock() async throws {
        try await withTestApp { app in
            let desk = try await Self.desk(app)
            let item = try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: [
                "kind": "complaint", "subject": "Wrong colour", "contactId": desk.contact.id.uuidString])
            let path = "/api/v1/cases/\(item.id)"
            let closing = try await desk.agent.send(.POST, path + "/status", json: ["status": "closed"])
            #expect(try closing.status == .unprocessableEntity && ErrorBody.of(closing).fields?["status"] != nil)

            // Answered by phone at ten: the first response is met, the case is open, and the call is on the timeline.
            desk.at("2026-11-30 10:00")
            let answered = try await desk.agent.decode(CaseDTO.self, .POST, path + "/replies", json: ["body": "We will send new rolls.", "via": "phone"])
            #expect(answered.status == "open" && answered.firstResponse.standing == "met" && answered.firstResponse.usedMinutes == 60)
            #expect(try await Interaction.query(on: app.db).filter(\.$kind == "call").count() == 1)

            // Waiting on the customer from eleven to the next day: the resolution clock keeps its two hours.
            desk.at("2026-11-30 11:00")
            let waiting = try await desk.agent.decode(CaseDTO.self, .POST, path + "/status", json: ["status": "waiting"])
            #expect(waiting.resolution.standing == "paused" && waiting.resolution.usedMinutes == 120 && waiting.resolution.dueAt == nil)
            desk.at("2026-12-01 09:00")
            let back = try await desk.agent.decode(CaseDTO.self, .POST, path + "/status", json: ["status": "open"])
            #expect(back.resolution.usedMinutes == 120 && back.resolution.dueAt == Self.local("2026-12-07 15:00"))

            desk.at("2026-12-01 10:00")
            let resolved = try await desk.agent.decode(CaseDTO.self, .POST, path + "/status", json: ["status": "resolved"])
            #expect(resolved.status == "resolved" && resolved.resolution.standing == "met" && resolved.resolvedAt != nil)
            let reopenBare = try await desk.agent.send(.POST, path + "/status", json: ["status": "open"])
            #expect(try reopenBare.status == .unprocessableEntity && ErrorBody.of(reopenBare).fields?["reason"] != nil)
            let reopened = try await desk.agent.decode(CaseDTO.self, .POST, path + "/status", json: ["status": "open", "reason": "Still the wrong colour"])
            #expect(reopened.reopened == 1 && reopened.resolution.standing == "on track" && reopened.resolvedAt == nil)

            // Raising the priority chooses the high targets, keeping the time used.
            let raised = try await desk.agent.decode(CaseDTO.self, .POST, path + "/classify", json: ["priority": "high"])
            #expect(raised.priority == "high" && raised.resolution.targetMinutes == 3 * 8 * 60 && raised.resolution.usedMinutes == 180)
            let badClass = try await desk.agent.send(.POST, path + "/classify", json: ["kind": "rant"])
            #expect(try badClass.status == .unprocessableEntity && ErrorBody.of(badClass).fields?["kind"] != nil)

            // An internal note is marked internal; the timeline keeps every move.
            _ = try await desk.agent.decode(CaseDTO.self, .POST, path + "/notes", json: ["body": "Customer is upset; offer a discount."])
            let events = try await desk.agent.decode([CaseEventDTO].self, .GET, path + "/events")
            #expect(events.map(\.kind) == ["created", "reply", "status", "status", "status", "status", "reopened", "classified", "note"])
            #expect(events.filter(\.isInternal).map(\.kind) == ["note"])

            // A salesperson outside the department works only their own cases.
            let (petras, _) = try await app.apiClient("petras@example.lt", role: .sales)
            let outsider = try await petras.send(.POST, path + "/notes", json: ["body": "x"])
            #expect(outsider.status == .forbidden)
            // Email needs a mail program.
            let mailed = try await desk.agent.send(.POST, path + "/replies", json: ["body": "Hello"])
            #expect(mailed.status == .conflict)
        }
    }

    @Test func warningsGoOutOnceEachToTheAssigneeAndTheManager() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            app.config.sendmail = [folder.sendmail]
            let desk = try await Self.desk(app)
            let item = try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: [
                "kind": "complaint", "subject": "Rolls cracked again", "contactId": desk.contact.id.uuidString, "priority": "high"])
            #expect(try await SLAWatch.check(now: app.clock.now(), app: app) == 0)
            // Three of four hours used at noon: at risk; at one: breached. Running the watch twice changes nothing.
            desk.at("2026-11-30 12:00")
            #expect(try await SLAWatch.check(now: app.clock.now(), app: app) == 1)
            #expect(try await SLAWatch.check(now: app.clock.now(), app: app) == 0)
            desk.at("2026-11-30 13:30")
            #expect(try await SLAWatch.check(now: app.clock.now(), app: app) == 1)
            #expect(try await SLAWatch.check(now: app.clock.now(), app: app) == 0)
            let warnings = try await CaseEvent.query(on: app.db).filter(\.$slaMark != nil).all().compactMap(\.slaMark).sorted()
            #expect(warnings == ["first_response:breach", "first_response:risk"])
            let mail = try await OutboundMail.query(on: app.db).filter(\.$toUserID == desk.manager.id).all()
            #expect(mail.compactMap(\.subject).sorted() == ["SLA at risk: C-1001 Rolls cracked again", "SLA breached: C-1001 Rolls cracked again"])
            let shown = try await desk.agent.decode(CaseDTO.self, .GET, "/api/v1/cases/\(item.id)")
            #expect(shown.firstResponse.standing == "breached" && shown.firstResponse.remainingMinutes == -30)

            // Replying by email goes through the outbox with the reference in the subject.
            let replied = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(item.id)/replies", json: ["body": "New rolls leave today."])
            #expect(replied.firstResponse.standing == "met late")
            let out = try await OutboundMail.query(on: app.db).filter(\.$toUserID == nil).all()
            #expect(out.map(\.recipients) == [["ieva@baltic.example"]] && out.first?.message.contains("Subject: [C-1001] Rolls cracked again") == true)
        }
    }

    @Test func mailToSupportOpensACaseAndAnswersLandOnIt() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            app.config.sendmail = [folder.sendmail]
            let desk = try await Self.desk(app)
            let opening = MailIngestTests.message(id: "leak1@baltic.example", from: "Ieva <ieva@baltic.example>", to: "support@labels.example",
                                                  subject: "The lids leak")
            #expect(try await desk.agent.send(.POST, "/api/v1/mail/inbound", raw: opening).status == .created)
            #expect(try await desk.agent.send(.POST, "/api/v1/mail/inbound", raw: opening).status == .ok, "a second delivery")
            let cases = try await ServiceCase.query(on: app.db).all()
            #expect(cases.count == 1 && cases.first?.channel == "email" && cases.first?.contactID == desk.contact.id)
            #expect(cases.first?.messageID == "leak1@baltic.example" && cases.first?.details == "Hello from Ieva <ieva@baltic.example>.")
            let item = try #require(cases.first)

            // Our answer by email carries the reference and threads under the customer's mail; it waits on them.
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(item.id!)/replies", json: ["body": "Which batch?"])
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(item.id!)/status", json: ["status": "waiting"])
            let sent = try #require(try await OutboundMail.query(on: app.db).first())
            #expect(sent.message.contains("Subject: [C-1001] The lids leak") && sent.message.contains("In-Reply-To: <leak1@baltic.example>"))
            let ours = try #require(try await Interaction.query(on: app.db).filter(\.$direction == "outbound").first()?.messageID)

            // The customer answers our reply: the case runs again; a later message tagged with the reference lands too.
            desk.at("2026-11-30 10:00")
            let answer = MailIngestTests.message(id: "leak2@baltic.example", from: "ieva@baltic.example", to: "rasa@example.lt", subject: "Re: [C-1001] The lids leak",
                                                 inReplyTo: ours)
            #expect(try await desk.agent.send(.POST, "/api/v1/mail/inbound", raw: answer).status == .created)
            var shown = try await desk.agent.decode(CaseDTO.self, .GET, "/api/v1/cases/\(item.id!)")
            #expect(shown.status == "open")
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(item.id!)/status", json: ["status": "resolved"])
            let tagged = MailIngestTests.message(id: "leak3@baltic.example", from: "ieva@baltic.example", to: "support@labels.example",
                                                 subject: "Still leaking [C-1001]")
            #expect(try await desk.agent.send(.POST, "/api/v1/mail/inbound", raw: tagged).status == .created)
            shown = try await desk.agent.decode(CaseDTO.self, .GET, "/api/v1/cases/\(item.id!)")
            #expect(shown.status == "open" && shown.reopened == 1)
            #expect(try await ServiceCase.query(on: app.db).count() == 1)
            let events = try await desk.agent.decode([CaseEventDTO].self, .GET, "/api/v1/cases/\(item.id!)/events")
            #expect(events.filter { $0.kind == "email_in" }.count == 3)

            // A stranger's mail to support opens nothing: it waits in the unmatched inbox.
            let stranger = MailIngestTests.message(id: "x1@new.example", from: "ana@new.example", to: "support@labels.example", subject: "Catalogue")
            #expect(try await desk.agent.send(.POST, "/api/v1/mail/inbound", raw: stranger).status == .created)
            #expect(try await ServiceCase.query(on: app.db).count() == 1)
        }
    }
}
