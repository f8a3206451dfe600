import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// A resolved case's contact gets one survey link: answered once, closed after 14 days, refused when altered; the
/// score shows on the account and the assignee's cases; without consent the assignee gets a follow-up task instead.
@Suite struct CaseSurveyTests {
    /// The survey link's token, read from the message as a mail program decodes it (the text is quoted-printable).
    static func token(in message: String) throws -> String {
        let text = try MailMessage(raw: Array(message.utf8)).text
        let match = try #require(text.firstMatch(of: /\/survey\/([A-Za-z0-9_-]+)/))
        return String(match.1)
    }

    @Test func aResolvedCaseIsSurveyedOnceAndTheScoreShows() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            app.config.sendmail = [folder.sendmail]
            app.config.publicURL = "https://crm.labels.example"
            let desk = try await CaseDeskTests.desk(app)
            let item = try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: [
                "kind": "complaint", "subject": "Invoice total wrong", "contactId": desk.contact.id.uuidString])
            #expect(item.assignee?.id == desk.sellerUser.id)
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(item.id)/status", json: ["status": "resolved"])
            _ = try await desk.agent.send(.POST, "/api/v1/cases/\(item.id)/status", json: ["status": "open", "reason": "Not yet"])
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(item.id)/status", json: ["status": "resolved"])

            // Not before the hour has passed; then once, for the last resolution only, however often the worker runs.
            try await JobWorker(app: app).runDue()
            #expect(try await OutboundMail.query(on: app.db).count() == 0)
            desk.at("2026-11-30 10:01")
            try await JobWorker(app: app).runDue()
            try await JobWorker(app: app).runDue()
            let mail = try await OutboundMail.query(on: app.db).all()
            #expect(mail.count == 1 && mail.first?.message.contains("Subject: [C-1001] How did we do?") == true)
            let message = try #require(mail.first?.message)
            #expect(try MailMessage(raw: Array(message.utf8)).text.contains("https://crm.labels.example/survey/"))
            let token = try Self.token(in: message)

            // The customer answers without signing in; a missing score is named; a second answer is refused.
            let customer = TestBrowser(app)
            #expect(try await customer.get(Site.survey(token)).status == .ok)
            #expect(customer.lastBody.contains("C-1001") && !customer.lastBody.contains("Sign out"))
            var page = try await customer.post(Site.survey(token), ["comment": "Fast"])
            #expect(page.status == .unprocessableEntity && customer.lastBody.contains("a score from 1 to 5"))
            page = try await customer.post(Site.survey(token), ["overall": "4", "speed": "5", "comment": "Fast and friendly"])
            #expect(page.status == .ok && customer.lastBody.contains("Thank you"))
            page = try await customer.post(Site.survey(token), ["overall": "1"])
            #expect(page.status == .conflict)
            #expect(try await customer.get(Site.survey(token + "x")).status == .notFound)

            let events = try await desk.agent.decode([CaseEventDTO].self, .GET, "/api/v1/cases/\(item.id)/events")
            #expect(events.last?.kind == "survey" && events.last?.body?.contains("overall 4/5, speed of answers 5/5") == true)
            #expect(events.last?.body?.contains("Fast and friendly") == true)
            let scores = try await CaseSurveys.scores(account: desk.account.id, on: app.db)
            #expect(scores == .init(answers: 1, overallTenths: 40) && scores.text == "4.0 of 5 from 1 answer")
            #expect(try await CaseSurveys.scores(assignee: desk.sellerUser.id, on: app.db).answers == 1)
        }
    }

    @Test func anExpiredLinkIsClosedAndNoConsentMeansAFollowUpTask() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            app.config.sendmail = [folder.sendmail]
            let desk = try await CaseDeskTests.desk(app)
            let item = try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: [
                "kind": "question", "subject": "Pallet sizes", "contactId": desk.contact.id.uuidString])
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(item.id)/status", json: ["status": "resolved"])
            desk.at("2026-11-30 11:00")
            try await JobWorker(app: app).runDue()
            let token = try Self.token(in: try #require(try await OutboundMail.query(on: app.db).first()).message)
            desk.at("2026-12-15 11:00")
            #expect(try await TestBrowser(app).get(Site.survey(token)).status == .gone)

            // A contact who has not agreed to email: the assignee follows up by a task instead.
            let quiet = try await desk.seller.createContact(["givenName": "Tomas", "accountId": desk.account.id.uuidString,
                                                             "emails": [["value": "tomas@baltic.example"]], "mayEmail": false])
            let second = try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: ["kind": "question", "subject": "Colours", "contactId": quiet.id.uuidString])
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(second.id)/status", json: ["status": "resolved"])
            desk.at("2026-12-15 13:00")
            try await JobWorker(app: app).runDue()
            let tasks = try await TaskItem.query(on: app.db).all()
            #expect(tasks.map(\.title) == ["Follow up on C-1002: Colours"] && tasks.first?.$assignee.id == desk.sellerUser.id)
            #expect(try await OutboundMail.query(on: app.db).count() == 1)
            let events = try await desk.agent.decode([CaseEventDTO].self, .GET, "/api/v1/cases/\(second.id)/events")
            #expect(events.last?.body?.contains("has not agreed to be emailed") == true)
        }
    }
}
