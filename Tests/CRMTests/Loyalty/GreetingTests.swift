import CRMCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting
@testable import CRM

/// Holiday greetings: each consenting contact of the audience gets one email in their language from their owner,
/// signed by them; contacts without consent, over the cap or greeted already are skipped and the reason kept; a
/// repeated or interrupted run never sends twice.
@Suite struct GreetingTests {
    struct Desk {
        let manager: APIClient
        let seller: APIClient
        let contacts: [String: UUID]
    }

    static func desk(_ app: Application) async throws -> Desk {
        let clock = NIOLockedValueBox(try RevisitPlanTests.instant("2026-12-20T08:00:00Z"))
        app.clock = AppClock { clock.withLockedValue { $0 } }
        let (manager, _) = try await app.apiClient("vadove@example.lt", role: .manager)
        let (seller, sellerUser) = try await app.apiClient("ruta@example.lt", role: .sales)
        try await User.query(on: app.db).filter(\.$id == sellerUser.requireID()).set(\.$signature, to: "Rūta Petraitė\nPardavimai").update()
        let lithuanian = try await seller.createAccount(["name": "Pienas UAB", "addresses": [["kind": "office", "city": "Telšiai", "country": "LT"]]]).id
        let southAfrican = try await seller.createAccount(["name": "Karoo Bpk", "addresses": [["kind": "office", "country": "ZA"]]]).id
        var contacts = [String: UUID]()
        let people: [(String, UUID, String?, Bool, Bool)] = [
            ("Ona", lithuanian, "lt-LT", true, true), ("Jonas", lithuanian, "en-GB", true, true), ("Li", lithuanian, "zh-TW", true, true),
            ("Hans", lithuanian, "de", true, true), ("Rūta", lithuanian, "lt", false, true), ("Marius", lithuanian, "lt", true, false),
            ("Lina", lithuanian, "lt", true, true), ("Zola", southAfrican, "af", true, true),
        ]
        for (name, account, language, mayEmail, mayMarket) in people {
            var fields: [String: Any] = ["givenName": name, "familyName": "Testas", "accountId": account.uuidString, "mayEmail": mayEmail,
                                         "mayMarket": mayMarket, "emails": [["label": "work", "value": "\(name.lowercased().folding(options: .diacriticInsensitive, locale: nil))@example.com"]]]
            if let language { fields["language"] = language }
            contacts[name] = try await seller.createContact(fields).id
        }
        // Lina heard from us this week; the cap allows one outbound contact a month.
        let rule = ContactCapRule()
        (rule.maxContacts, rule.days) = (1, 30)
        try await rule.create(on: app.db)
        #expect(try await seller.send(.POST, "/api/v1/interactions", json: [
            "kind": "call", "direction": "outbound", "contactIds": [contacts["Lina"]!.uuidString], "subject": "Rang",
            "occurredAt": "2026-12-18T09:00:00Z"]).status == .created)
        return Desk(manager: manager, seller: seller, contacts: contacts)
    }

    func christmas(_ desk: Desk, calendar: String = "LT", everyone: Bool = false) async throws -> Greetings.DTO {
        var json: [String: Any] = ["calendar": calendar, "holidayDay": "2026-12-25", "holidayName": "Christmas Day"]
        if everyone { json["everyone"] = true }
        return try await desk.manager.create(Greetings.DTO.self, "/api/v1/greetings", json: json)
    }

    @Test func eachConsentingContactGetsOneGreetingInTheirLanguage() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            app.config.sendmail = [folder.sendmail]
            let desk = try await Self.desk(app)
            #expect(try await desk.seller.send(.POST, "/api/v1/greetings", json: ["calendar": "LT", "holidayDay": "2026-12-25", "holidayName": "Christmas Day"]).status == .forbidden)
            let greeting = try await christmas(desk)
            #expect(greeting.status == "draft" && greeting.country == "LT" && greeting.sendOn == "2026-12-25" && greeting.texts.count == 7)

            // The preview says who gets what, and who is skipped and why; nothing is sent.
            let preview = try await desk.manager.decode(GreetingRun.Preview.self, .GET, "/api/v1/greetings/\(greeting.id)/preview")
            let byName = Dictionary(uniqueKeysWithValues: preview.items.map { ($0.contact.name, $0) })
            #expect(byName["Zola Testas"] == nil, "an account in South Africa is not in Lithuania's audience")
            #expect(byName["Ona Testas"]?.language == "lt" && byName["Ona Testas"]?.subject == "Sveikinimai švenčių proga, Ona!")
            #expect(byName["Ona Testas"]?.body?.contains("visai įmonės Pienas UAB komandai") == true)
            #expect(byName["Ona Testas"]?.body?.hasSuffix("Nuoširdžiai\nRūta Petraitė\nPardavimai") == true)
            #expect(byName["Jonas Testas"]?.language == "en" && byName["Jonas Testas"]?.body?.contains("On the occasion of Christmas Day") == true)
            #expect(byName["Li Testas"]?.language == "zh-Hant" && byName["Li Testas"]?.ownLanguage == true)
            #expect(byName["Hans Testas"]?.language == "en" && byName["Hans Testas"]?.ownLanguage == false)
            #expect(byName["Rūta Testas"]?.skipReason == "has not agreed to be emailed")
            #expect(byName["Marius Testas"]?.skipReason == "has not agreed to marketing")
            #expect(byName["Lina Testas"]?.skipReason?.hasPrefix("contact-frequency cap reached") == true)
            #expect(try await OutboundMail.query(on: app.db).count() == 0)

            // Sent now: through the outbox, from the owner, logged on each timeline.
            let sending = try await desk.manager.decode(Greetings.DTO.self, .POST, "/api/v1/greetings/\(greeting.id)/send", status: .accepted)
            #expect(sending.status == "scheduled" && sending.sendOn == "2026-12-20")
            try await JobWorker(app: app).runDue()
            let sent = try await desk.manager.decode(Greetings.DTO.self, .GET, "/api/v1/greetings/\(greeting.id)")
            #expect(sent.status == "done" && sent.results.sent == 4 && sent.results.skipped == 3)
            #expect(Set(sent.results.skippedBy.map(\.reason)).contains("has not agreed to marketing"))
            let mail = try await OutboundMail.query(on: app.db).all()
            #expect(mail.count == 4)
            #expect(mail.allSatisfy { $0.message.contains("<ruta@example.lt>") }, "from the contacts' owner: \(mail.first?.message.prefix(300) ?? "")")
            let logged = try await Interaction.query(on: app.db).filter(\.$subject == "Sveikinimai švenčių proga, Ona!").all()
            #expect(logged.count == 1 && logged.first?.$user.id != nil, "on Ona's timeline, from her owner")

            // Repeating the run, or the job, sends nothing more.
            #expect(try await GreetingRun(db: app.db, app: app, now: app.clock.now()).send(try await Greetings(db: app.db, now: Date()).require(greeting.id)) == 0)
            try await JobSchedules(db: app.db).runNow(GreetingRun.kind.name, kinds: app.jobKinds, now: app.clock.now())
            try await JobWorker(app: app).runDue()
            #expect(try await OutboundMail.query(on: app.db).count() == 4)

            // Another greeting for the same holiday greets the others only; a bounce is counted.
            let everyone = try await christmas(desk, calendar: "ZA", everyone: true)
            _ = try await desk.manager.decode(Greetings.DTO.self, .POST, "/api/v1/greetings/\(everyone.id)/send", status: .accepted)
            try await JobWorker(app: app).runDue()
            let second = try await desk.manager.decode(Greetings.DTO.self, .GET, "/api/v1/greetings/\(everyone.id)")
            #expect(second.results.sent == 1, "only Zola")
            #expect(second.results.skippedBy.contains { $0.reason == "greeted for this holiday by another greeting" && $0.contacts == 4 })
            let zola = try #require(try await GreetingSend.query(on: app.db).filter(\.$contactID == desk.contacts["Zola"]!).first())
            #expect(zola.language == "af")
            try await OutboundMail.query(on: app.db).filter(\.$interaction.$id == zola.interactionID!).set(\.$status, to: "failed").update()
            #expect(try await desk.manager.decode(Greetings.DTO.self, .GET, "/api/v1/greetings/\(everyone.id)").results.bounced == 1)
            #expect(try await OutboundMail.query(on: app.db).count() == 5)

            // The database itself refuses a second greeting for one holiday.
            let again = GreetingSend()
            (again.greetingID, again.occasion, again.contactID, again.status, again.at) = (everyone.id, zola.occasion, desk.contacts["Zola"]!, "sent", Date())
            await #expect(throws: (any Error).self) { try await again.create(on: app.db) }
            // A sent greeting can no longer change or go.
            #expect(try await desk.manager.send(.DELETE, "/api/v1/greetings/\(greeting.id)").status == .conflict)
            #expect(try await desk.manager.send(.PUT, "/api/v1/greetings/\(greeting.id)", json: ["calendar": "LT", "holidayDay": "2026-12-25", "holidayName": "Christmas Day"]).status == .conflict)
        }
    }

    @Test func aRunStoppedHalfWayGoesOnWithoutSendingTwice() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            app.config.sendmail = [folder.sendmail]
            let desk = try await Self.desk(app)
            let greeting = try await Greetings(db: app.db, now: app.clock.now()).require(try await christmas(desk).id)
            let run = GreetingRun(db: app.db, app: app, now: app.clock.now(), pageSize: 3, maxPages: 1)
            let first = try await run.send(greeting)
            #expect(greeting.status == "sending")
            let recorded = try await GreetingSend.query(on: app.db).count()
            let queued = try await OutboundMail.query(on: app.db).count()
            #expect(recorded > 0 && recorded <= 3 && first == queued)
            // Consent arrives for Marius between runs: an earlier skip is decided again, a send never.
            let patched = try await desk.seller.send(.PATCH, "/api/v1/contacts/\(desk.contacts["Marius"]!)", json: ["mayMarket": true], ifMatch: "\"1\"")
            #expect(patched.status == .ok, "\(patched.body.string)")
            let rest = try await GreetingRun(db: app.db, app: app, now: app.clock.now(), pageSize: 3).send(greeting)
            #expect(greeting.status == "done")
            let total = try await OutboundMail.query(on: app.db).count()
            #expect(first + rest == 5 && total == 5)
            #expect(try await GreetingSend.query(on: app.db).count() == 7)
            #expect(try await GreetingSend.query(on: app.db).filter(\.$status == "sent").count() == 5)
        }
    }

    @Test func thePreviewPagesThroughTheAudienceOnly() async throws {
        try await withTestApp { app in
            let desk = try await Self.desk(app)
            // Contacts outside the audience between them: the pages still fill, and end.
            for index in 0..<12 { _ = try await desk.seller.createContact(["givenName": "Outsider \(index)"]) }
            let greeting = try await christmas(desk)
            var seen = [String](), after: String? = nil, pages = 0
            repeat {
                let preview = try await desk.manager.decode(GreetingRun.Preview.self, .GET,
                                                            "/api/v1/greetings/\(greeting.id)/preview?limit=2" + (after.map { "&after=\($0)" } ?? ""))
                #expect(preview.items.count <= 2)
                seen += preview.items.map(\.contact.name)
                after = preview.next?.uuidString
                pages += 1
            } while after != nil && pages < 20
            #expect(seen.sorted() == ["Hans", "Jonas", "Li", "Lina", "Marius", "Ona", "Rūta"].map { "\($0) Testas" })
            #expect(try await desk.manager.send(.GET, "/api/v1/greetings/\(greeting.id)/preview?limit=501").status == .unprocessableEntity)
        }
    }

    @Test func textsAreCheckedAndEveryLanguageIsKept() async throws {
        try await withTestApp { app in
            let desk = try await Self.desk(app)
            let bad = try await desk.manager.send(.POST, "/api/v1/greetings", json: [
                "calendar": "LT", "holidayDay": "2026-12-24", "holidayName": "Christmas Day", "country": "Lithuania", "fallbackLanguage": "de",
                "texts": [["language": "lt", "subject": "Sveiki, {nmae}", "body": "{signature}"], ["language": "lt", "subject": "x", "body": "y"]]])
            #expect(bad.status == .unprocessableEntity)
            for field in ["holidayName", "country", "fallbackLanguage", "texts[0].subject", "texts[1].language"] {
                #expect(bad.body.string.contains("\"\(field)\""), "\(field)")
            }
            #expect(bad.body.string.contains("{nmae}"))
            #expect(try await Greeting.query(on: app.db).count() == 0)
            let greeting = try await christmas(desk)
            let texts = GreetingLanguage.all.map { ["language": $0, "subject": "Subject \($0) {name}", "body": "Body \($0) {company} {signature}"] }
            let changed = try await desk.manager.decode(Greetings.DTO.self, .PUT, "/api/v1/greetings/\(greeting.id)", json: [
                "calendar": "LT", "holidayDay": "2026-12-25", "holidayName": "Christmas Day", "sendOn": "2026-12-23", "texts": texts])
            #expect(changed.texts.map(\.language) == GreetingLanguage.all.map(Optional.some) && changed.sendOn == "2026-12-23")
            #expect(try await desk.manager.decode(Greetings.DTO.self, .POST, "/api/v1/greetings/\(greeting.id)/schedule").status == "scheduled")
            // Scheduled for the 23rd: the job leaves it until then.
            try await JobSchedules(db: app.db).runNow(GreetingRun.kind.name, kinds: app.jobKinds, now: app.clock.now())
            try await JobWorker(app: app).runDue()
            #expect(try await desk.manager.decode(Greetings.DTO.self, .GET, "/api/v1/greetings/\(greeting.id)").status == "scheduled")
            #expect(try await desk.manager.send(.DELETE, "/api/v1/greetings/\(greeting.id)").status == .noContent)
        }
    }

    @Test func anImportedCalendarOffersItsDays() async throws {
        try await withTestApp { app in
            let desk = try await Self.desk(app)
            let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270115\r\nSUMMARY:Company day\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            let type = HTTPMediaType(type: "text", subType: "calendar")
            #expect(try await desk.seller.send(.PUT, "/api/v1/holiday-calendars/Company", raw: Array(ics.utf8), contentType: type).status == .forbidden)
            let bad = try await desk.manager.send(.PUT, "/api/v1/holiday-calendars/Company", raw: Array("BEGIN:VCALENDAR\nEND:VCALENDAR".utf8), contentType: type)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("the file has no events"))
            let imported = try await desk.manager.send(.PUT, "/api/v1/holiday-calendars/Company", raw: Array(ics.utf8), contentType: type)
            #expect(imported.status == .ok, "\(imported.body.string)")
            let calendar = try JSONDecoder().decode(HolidayBook.Calendar.self, from: Data(imported.body.string.utf8))
            #expect(calendar.holidays == 10 && !calendar.builtIn)
            let days = try await desk.seller.decode([HolidayBook.HolidayDTO].self, .GET, "/api/v1/holidays?from=2027-01-01&to=2028-12-31&calendar=Company")
            #expect(days.map(\.day) == ["2027-01-15", "2028-01-15"])
            let lithuania = try await desk.seller.decode([HolidayBook.HolidayDTO].self, .GET, "/api/v1/holidays?from=2026-12-20&to=2027-01-01&calendar=LT")
            #expect(lithuania.map(\.name) == ["Christmas Eve", "Christmas Day", "Second Day of Christmas", "New Year's Day"])
            // An imported calendar names whose contacts it greets, or everyone.
            let missing = try await desk.manager.send(.POST, "/api/v1/greetings", json: ["calendar": "Company", "holidayDay": "2027-01-15", "holidayName": "Company day"])
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("\"country\""))
            let greeting = try await desk.manager.create(Greetings.DTO.self, "/api/v1/greetings", json: [
                "calendar": "Company", "holidayDay": "2027-01-15", "holidayName": "Company day", "everyone": true])
            #expect(greeting.country == nil && greeting.holiday.calendar == "Company")
            #expect(try await desk.manager.send(.DELETE, "/api/v1/holiday-calendars/Company").status == .noContent)
            #expect(try await desk.manager.send(.DELETE, "/api/v1/holiday-calendars/Company").status == .notFound)
        }
    }
}
