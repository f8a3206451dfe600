import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// A manager prepares a greeting from a coming holiday, fixes a text, previews who gets what and sends it; a calendar
/// is imported from an `.ics` upload over a real socket; sellers read but do not send.
@Suite struct GreetingPagesTests {
    @Test func aManagerPreviewsAndSendsAGreetingFromTheHolidayList() async throws {
        try await withTestApp { app in
            let folder = try MailDeliveryTests.Folder()
            app.config.sendmail = [folder.sendmail]
            let desk = try await GreetingTests.desk(app)
            let (_, password) = try await app.makeUser("rima@example.lt", role: .manager)
            let manager = TestBrowser(app, over: try await app.startServer())
            try await manager.signIn("rima@example.lt", password)
            #expect(try await manager.get(Site.greetings() + "?calendar=LT").status == .ok)
            #expect(manager.lastBody.contains("2026-12-25") && manager.lastBody.contains("Prepare greeting"))
            #expect(manager.lastBody.contains("No greeting yet"))

            var page = try await manager.post(Site.greetings(), ["calendar": "LT", "holidayDay": "2026-12-25", "holidayName": "Christmas Day"])
            let greeting = try #require(try await Greeting.query(on: app.db).first())
            #expect(page.status == .seeOther && page.headers.first(name: .location) == Site.greeting(greeting.id!))
            #expect(try await manager.get(Site.greeting(greeting.id!)).status == .ok)
            let body = manager.lastBody
            #expect(body.contains("Sveikinimai švenčių proga, Ona!") && body.contains("Skipped: has not agreed to marketing"))
            #expect(body.contains("Skipped: contact-frequency cap reached") && body.contains("English (no text in theirs)"))
            #expect(body.contains("節日快樂，Li Testas！") && !body.contains("Zola"))

            // A typo in a placeholder is named beside the text it is in; nothing changes.
            var form = ["sendOn": "2026-12-24", "fallbackLanguage": "en", "country": "LT"]
            for language in GreetingLanguage.all {
                let standard = GreetingTemplate.standard(language)!
                (form["subject_\(language)"], form["body_\(language)"]) = (standard.subject, standard.body)
            }
            form["body_lt"] = "Gerb. {vardas},\n" + String(repeating: "Linkime sėkmės. ", count: 400)
            page = try await manager.post(Site.greeting(greeting.id!), form)
            #expect(page.status == .unprocessableEntity && manager.lastBody.contains("has unknown placeholders {vardas}"))
            #expect(manager.lastBody.contains("id=\"body_lt-error\"") || manager.lastBody.contains("body_lt"))
            #expect(try await GreetingText.query(on: app.db).filter(\.$language == "lt").first()?.body.contains("{vardas}") == false)
            form["body_lt"] = "Gerb. {name},\n" + String(repeating: "Linkime sėkmės. ", count: 400) + "\n{signature}"
            form["subject_ta"] = ""
            form["body_ta"] = ""
            page = try await manager.post(Site.greeting(greeting.id!), form)
            #expect(page.status == .seeOther)
            #expect(try await GreetingText.query(on: app.db).filter(\.$greetingID == greeting.id!).count() == 6, "an emptied language is left out")
            #expect(try await GreetingText.query(on: app.db).filter(\.$language == "lt").first()?.body.count ?? 0 > 6_000)

            page = try await manager.post(Site.greetingSend(greeting.id!), [:])
            #expect(page.status == .seeOther)
            try await JobWorker(app: app).runDue()
            #expect(try await manager.get(Site.greeting(greeting.id!)).status == .ok)
            #expect(manager.lastBody.contains("<dd id=\"greeting-sent\">4</dd>") && manager.lastBody.contains("Skipped: has not agreed to be emailed"))
            #expect(!manager.lastBody.contains("Send now") && !manager.lastBody.contains("Save texts"), "a sent greeting is kept as it was")
            let ona = try #require(try await OutboundMail.query(on: app.db).all().first { $0.message.contains("ona@example.com") })
            #expect(try MailMessage(raw: Array(ona.message.utf8)).text.contains("Linkime sėkmės."))

            // A seller reads the greetings but cannot prepare or send one; they write their own signature in Settings.
            let seller = TestBrowser(app)
            try await seller.signIn("ruta@example.lt", try await app.users.resetPassword(of: try #require(try await User.query(on: app.db).filter(\.$email == "ruta@example.lt").first())))
            #expect(try await seller.get(Site.settings()).status == .ok && seller.lastBody.contains("Pardavimai"))
            var signed = try await seller.post(Site.settingsSignature(), ["signature": String(repeating: "x", count: 1_001)])
            #expect(signed.status == .unprocessableEntity && seller.lastBody.contains("must be at most 1000 characters"))
            signed = try await seller.post(Site.settingsSignature(), ["signature": "Rūta Petraitė\nVadybininkė\n+370 612 34567"])
            #expect(signed.status == .ok && seller.lastBody.contains("Your signature is saved.") && seller.lastBody.contains("Vadybininkė"))
            #expect(try await User.query(on: app.db).filter(\.$email == "ruta@example.lt").first()?.emailSignature == "Rūta Petraitė\nVadybininkė\n+370 612 34567")
            #expect(try await seller.get(Site.greetings()).status == .ok && !seller.lastBody.contains("Prepare greeting"))
            #expect(try await seller.post(Site.greetingSend(greeting.id!), [:]).status == .forbidden)
            _ = desk
        }
    }

    @Test func aCalendarIsImportedFromAnUploadedFile() async throws {
        try await withTestApp { app in
            let stopped = try RevisitPlanTests.instant("2026-12-01T10:00:00Z")
            app.clock = AppClock { stopped }
            let (_, password) = try await app.makeUser("rima@example.lt", role: .manager)
            let manager = TestBrowser(app, over: try await app.startServer())
            try await manager.signIn("rima@example.lt", password)
            #expect(try await manager.get(Site.greetings()).status == .ok)
            var events = ""
            for day in 1...28 { events += "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:202701\(day < 10 ? "0" : "")\(day)\r\nSUMMARY:Inventūros diena \(day)\r\nEND:VEVENT\r\n" }
            let file = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + events + "END:VCALENDAR\r\n"
            let bad = try await manager.upload(Site.holidayCalendarImport(), field: "file", fileName: "bad.ics", content: "not a calendar", fields: ["name": "Sandėlis"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("not an iCalendar file"))
            let done = try await manager.upload(Site.holidayCalendarImport(), field: "file", fileName: "sandelis.ics", content: file, fields: ["name": "Sandėlis"])
            #expect(done.status == .ok && done.body.string.contains("Calendar “Sandėlis” imported: 28 days."))
            #expect(try await manager.get(Site.greetings() + "?calendar=Sand%C4%97lis").status == .ok)
            #expect(manager.lastBody.contains("Inventūros diena 28") && manager.lastBody.contains("Sandėlis: 28 days"))
            let removed = try await manager.post(Site.holidayCalendarRemove(), ["name": "Sandėlis"])
            let left = try await ImportedHoliday.query(on: app.db).count()
            #expect(removed.status == .ok && left == 0)
        }
    }
}
