import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Setting, changing and finishing tasks on the pages, *my day* with what other areas add, and the calendar feed.
@Suite struct TaskPagesTests {
    static let now = Date(timeIntervalSince1970: 1_796_115_600) // 2026-12-01 09:00 UTC

    func signedIn(_ app: Application, _ email: String, role: Role = .sales) async throws -> (TestBrowser, User) {
        let (user, password) = try await app.makeUser(email, role: role, name: email.components(separatedBy: "@")[0].capitalized)
        let browser = TestBrowser(app)
        try await browser.signIn(email, password)
        return (browser, user)
    }

    @Test func aTaskSetFromAContactCardIsDoneOnItsPage() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.now }
            let (browser, user) = try await signedIn(app, "ona@example.lt")
            let (api, _) = try await app.apiClient("api@example.lt")
            let contact = try await api.createContact(["givenName": "Ieva", "familyName": "Jonaitė"])
            try await browser.get(Site.contact(contact.id))
            #expect(browser.lastBody.contains("Open tasks") && browser.lastBody.contains(Site.taskNew() + "?contact=\(contact.id)"))

            try await browser.get(Site.taskNew() + "?contact=\(contact.id)")
            #expect(browser.lastBody.contains("About Ieva Jonaitė"))
            var page = try await browser.post(Site.taskNew(), ["title": "", "dueOn": "2026-12-02", "dueTime": "25:00", "kind": "call",
                                                               "priority": "high", "assigneeId": user.id!.uuidString, "contactId": contact.id.uuidString])
            #expect(page.status == .unprocessableEntity)
            #expect(browser.lastBody.contains("must not be empty") && browser.lastBody.contains("must be a time of day written HH:MM"))
            let notes = String(repeating: "Bring the signed contract and the samples. ", count: 233).prefix(10_000)
            page = try await browser.post(Site.taskNew(), ["title": "Call Ieva about the contract", "dueOn": "2026-12-02", "dueTime": "10:00", "kind": "call",
                                                           "priority": "high", "assigneeId": user.id!.uuidString, "contactId": contact.id.uuidString,
                                                           "notes": String(notes)])
            #expect(page.status == .seeOther)
            let task = try #require(try await TaskItem.query(on: app.db).first())
            #expect(task.notes == String(notes))
            try await browser.get(Site.task(task.id!))
            #expect(browser.lastBody.contains("Call Ieva about the contract") && browser.lastBody.contains("2026-12-02 at 10:00"))
            #expect(browser.lastBody.contains("The call is recorded on the customer&#39;s timeline"))

            page = try await browser.post(Site.taskComplete(task.id!), ["outcome": "Signed; samples next week"])
            #expect(page.status == .seeOther)
            try await browser.get(Site.task(task.id!))
            #expect(browser.lastBody.contains("Signed; samples next week") && !browser.lastBody.contains("Mark done"))
            try await browser.get(Site.contact(contact.id))
            #expect(browser.lastBody.contains("Call Ieva about the contract"), "the call is on the timeline")
            #expect(browser.lastBody.contains("No open task."))
        }
    }

    @Test func someoneElsesTaskIsReadOnlyAndAStaleEditIsRefused() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.now }
            let (ona, user) = try await signedIn(app, "ona@example.lt")
            let (petras, _) = try await signedIn(app, "petras@example.lt")
            let task = try await TaskStore(db: app.db, actor: user, now: Self.now).create({
                var input = TaskInput()
                (input.title, input.dueOn) = ("Order film", "2026-12-03")
                return input
            }())
            try await petras.get(Site.task(task.id!))
            #expect(!petras.lastBody.contains("Mark done") && !petras.lastBody.contains(Site.taskEdit(task.id!)))
            #expect(try await petras.post(Site.taskComplete(task.id!), ["outcome": "x"]).status == .forbidden)
            #expect(try await petras.get(Site.taskEdit(task.id!)).status == .forbidden)

            try await ona.get(Site.taskEdit(task.id!))
            var fields = ["title": "Order film and labels", "dueOn": "2026-12-03", "kind": "todo", "priority": "normal",
                          "assigneeId": user.id!.uuidString, "version": "1"]
            #expect(try await ona.post(Site.taskEdit(task.id!), fields).status == .seeOther)
            fields["title"] = "Written over"
            let stale = try await ona.post(Site.taskEdit(task.id!), fields)
            #expect(stale.status == .conflict && ona.lastBody.contains("Someone else changed this record"))
            #expect(try await TaskItem.find(task.id, on: app.db)?.title == "Order film and labels")
        }
    }

    @Test func myDayShowsTasksStaleDealsAndCustomersDueToReorder() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            _ = try await TaskStore(db: app.db, actor: fixture.manager, now: app.clock.now()).create({
                var input = TaskInput()
                (input.title, input.dueOn) = ("Check stock", TaskDue.day(of: app.clock.now(), in: .gmt).description)
                return input
            }())
            // A colleague's day is for managers: the fixture's salesperson's customers, seen by another manager.
            let (rasa, _) = try await signedIn(app, "rasa@example.lt", role: .manager)
            try await rasa.get(Site.myDay() + "?user=\(fixture.manager.id!)")
            let page = rasa.lastBody
            #expect(page.contains("Check stock") && page.contains("Stale deals"))
            // Alpha orders every ~54 days and last ordered on 10 March; Beta orders yearly and is not due.
            #expect(page.contains("Customers due to reorder") && page.contains("Alpha") && page.contains("Orders every ~54 days; last on 2026-03-10"))
            #expect(!page.contains(">Beta<"))
            try await rasa.get(Site.myDayTeam())
            #expect(rasa.lastBody.contains("Team&#39;s tasks") && rasa.lastBody.contains("manager@example.com"))

            let (ona, _) = try await signedIn(app, "ona@example.lt")
            #expect(try await ona.get(Site.myDayTeam()).status == .forbidden)
            #expect(try await ona.get(Site.myDay() + "?user=\(fixture.manager.id!)").status == .forbidden)
        }
    }

    @Test func theCalendarAddressIsShownOnceWorksAndCanBeStopped() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.now }
            let (browser, user) = try await signedIn(app, "ona@example.lt")
            _ = try await TaskStore(db: app.db, actor: user, now: Self.now).create({
                var input = TaskInput()
                (input.title, input.dueOn, input.dueTime) = ("Visit Baltic Films", "2026-12-04", "09:30")
                return input
            }())
            try await browser.get(Site.myDay())
            try await browser.post(Site.myDayFeed())
            let url = try #require(browser.lastBody.firstMatch(of: /http:\/\/[^<]*(\/calendar\/[A-Za-z0-9_-]+)/)?.1).description
            let feed = try await app.sendRequest(.GET, url)
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "calendar")
            #expect(feed.body.string.contains("SUMMARY:Visit Baltic Films") && feed.body.string.contains("DTSTART:20261204T093000Z"))
            try await browser.get(Site.myDay())
            #expect(!browser.lastBody.contains(url), "shown once")

            try await browser.post(Site.myDayFeedRevoke())
            #expect(try await app.sendRequest(.GET, url).status == .notFound)
            #expect(try await app.sendRequest(.GET, Site.calendarFeed("guess")).status == .notFound)
        }
    }
}
