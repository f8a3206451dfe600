import CRMCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import CRM

/// Follow-up dates become tasks, and *my day* sorts a person's tasks into overdue, today and the coming week in
/// their own time zone.
@Suite struct FollowUpAndMyDayTests {
    static let now = Date(timeIntervalSince1970: 1_796_115_600) // Tuesday 2026-12-01 09:00 UTC, 11:00 in Vilnius

    @Test func aFollowUpDateBecomesATaskThatMovesWithIt() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.now }
            let (ona, user) = try await app.apiClient("ona@example.lt")
            let contact = try await ona.createContact(["givenName": "Ieva"])
            let logged = try await ona.send(.POST, "/api/v1/interactions", json: [
                "kind": "meeting", "contactIds": [contact.id.uuidString], "subject": "Trade fair", "followUpOn": "2026-12-08"])
            #expect(logged.status == .created)
            let interactionID = try #require(try JSONDecoder().decode([String: AnyDecodable].self, from: Data(logged.body.string.utf8))["id"]?.string)
            var tasks = try await ona.decode(ListPage<TaskDTO>.self, .GET, "/api/v1/tasks?assignee=\(user.id!)").items
            #expect(tasks.count == 1)
            #expect(tasks.first?.title == "Follow up: Trade fair" && tasks.first?.dueOn == "2026-12-08" && tasks.first?.kind == "call")
            #expect(tasks.first?.contact?.id == contact.id && tasks.first?.sourceInteractionId?.uuidString == interactionID.uppercased())

            #expect(try await ona.send(.PATCH, "/api/v1/interactions/\(interactionID)", json: ["followUpOn": "2026-12-10"], ifMatch: "\"1\"").status == .ok)
            tasks = try await ona.decode(ListPage<TaskDTO>.self, .GET, "/api/v1/tasks?assignee=\(user.id!)").items
            #expect(tasks.map(\.dueOn) == ["2026-12-10"], "moved, not doubled")
            #expect(try await TaskItem.query(on: app.db).count() == 1)

            // Clearing the date cancels the open task.
            #expect(try await ona.send(.PATCH, "/api/v1/interactions/\(interactionID)", json: ["followUpOn": ""], ifMatch: "\"2\"").status == .ok)
            #expect(try await TaskItem.query(on: app.db).first()?.status == "cancelled")
        }
    }

    @Test func myDaySortsTasksInTheUsersOwnDay() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.now }
            let (ona, user) = try await app.apiClient("ona@example.lt")
            user.timeZone = "Europe/Vilnius"
            try await user.save(on: app.db)
            for (title, day, time) in [("Yesterday's", "2026-11-30", nil), ("This morning", "2026-12-01", "10:00"), ("This afternoon", "2026-12-01", "15:00"),
                                       ("All day today", "2026-12-01", nil), ("Friday", "2026-12-04", "09:00"), ("Next month", "2027-01-04", nil)] as [(String, String, String?)] {
                var json: [String: Any] = ["title": title, "dueOn": day]
                if let time { json["dueTime"] = time }
                _ = try await ona.create(TaskDTO.self, "/api/v1/tasks", json: json)
            }
            let day = try await ona.decode(MyDay.self, .GET, "/api/v1/my-day")
            #expect(day.today == "2026-12-01" && day.timeZone == "Europe/Vilnius")
            #expect(day.overdue.map(\.title) == ["Yesterday's", "This morning"])
            #expect(day.dueToday.map(\.title) == ["All day today", "This afternoon"])
            #expect(day.upcoming.map(\.title) == ["Friday"])
            #expect(day.counts == .init(overdue: 2, today: 2, upcoming: 1))

            // Colleagues' days are for managers.
            let (petras, _) = try await app.apiClient("petras@example.lt")
            #expect(try await petras.send(.GET, "/api/v1/my-day?user=\(user.id!)").status == .forbidden)
            let (manager, _) = try await app.apiClient("rasa@example.lt", role: .manager)
            #expect(try await manager.decode(MyDay.self, .GET, "/api/v1/my-day?user=\(user.id!)").counts.overdue == 2)
        }
    }

    @Test func dueTasksAreRemindedOnceAndByEmailThroughTheOutbox() async throws {
        try await withTestApp { app in
            let clock = NIOLockedValueBox(Self.now)
            app.clock = AppClock { clock.withLockedValue { $0 } }
            let folder = try MailDeliveryTests.Folder()
            app.config.sendmail = [folder.sendmail]
            let (ona, user) = try await app.apiClient("ona@example.lt")
            try await TaskPreferences(db: app.db).setEmailReminders(true, for: user.requireID())
            _ = try await ona.create(TaskDTO.self, "/api/v1/tasks", json: ["title": "Call Ieva", "dueOn": "2026-12-01", "dueTime": "09:30"])
            try await TaskReminders.remind(now: app.clock.now(), app: app)
            #expect(try await OutboundMail.query(on: app.db).count() == 0, "not due yet")

            clock.withLockedValue { $0 = Self.now.addingTimeInterval(3_600) }
            try await TaskReminders.remind(now: app.clock.now(), app: app)
            try await TaskReminders.remind(now: app.clock.now(), app: app)
            let queued = try await OutboundMail.query(on: app.db).all()
            #expect(queued.map(\.subject) == ["Task due: Call Ieva (2026-12-01 09:30)"] && queued.first?.$interaction.id == nil)

            // Ona sees the reminder in her outbox; a colleague does not; the mail job delivers it.
            let mine = try await ona.decode([OutboxAPIController.DeliveryDTO].self, .GET, "/api/v1/mail/outbox")
            #expect(mine.map(\.subject) == ["Task due: Call Ieva (2026-12-01 09:30)"] && mine.first?.interactionId == nil)
            let (petras, _) = try await app.apiClient("petras@example.lt")
            #expect(try await petras.decode([OutboxAPIController.DeliveryDTO].self, .GET, "/api/v1/mail/outbox").isEmpty)
            try await MailDelivery.retryKind.run(JobRun(id: UUID(), kind: "mail.retry", payload: "", attempt: 1, worker: "test", app: app))
            let received = try folder.received()
            #expect(received.map(\.args) == [["ona@example.lt"]])
            #expect(received.first?.message.subject == "Task due: Call Ieva (2026-12-01 09:30)")
            #expect(try await OutboundMail.query(on: app.db).first()?.status == "sent")
        }
    }
}

/// Just enough JSON to read one member of an answer.
struct AnyDecodable: Decodable {
    let string: String?
    init(from decoder: any Decoder) throws {
        string = try? decoder.singleValueContainer().decode(String.self)
    }
}
