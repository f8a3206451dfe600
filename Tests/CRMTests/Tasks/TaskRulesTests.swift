import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Who may set and change tasks, what a task must say, and what completing one records.
@Suite struct TaskRulesTests {
    static let now = Date(timeIntervalSince1970: 1_796_115_600) // 2026-12-01 09:00 UTC

    @Test func aTaskIsDueInTheAssigneesZoneAndNamesItsBadFields() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.now }
            let (ona, user) = try await app.apiClient("ona@example.lt")
            user.timeZone = "Europe/Vilnius"
            try await user.save(on: app.db)
            let task = try await ona.create(TaskDTO.self, "/api/v1/tasks", json: ["title": "Send the price list", "dueOn": "2026-12-03", "dueTime": "14:30"])
            #expect(task.assignee.id == user.id && task.status == "open" && task.kind == "todo" && task.priority == "normal")
            #expect(ISO8601DateFormatter().string(from: task.dueAt) == "2026-12-03T12:30:00Z")

            let bad = try await ona.send(.POST, "/api/v1/tasks", json: ["title": "", "dueOn": "3 Dec", "dueTime": "2pm", "kind": "lunch",
                                                                        "assigneeId": UUID().uuidString, "contactId": UUID().uuidString])
            #expect(bad.status == .unprocessableEntity)
            let fields = try ErrorBody.of(bad).fields ?? [:]
            #expect(Set(fields.keys) == ["title", "dueOn", "dueTime", "kind", "assigneeId", "contactId"])
            #expect(try await ona.send(.POST, "/api/v1/tasks", json: ["title": "x", "dueOn": "2026-12-03", "colour": "red"]).status == .unprocessableEntity)
            #expect(try await TaskItem.query(on: app.db).count() == 1)
        }
    }

    @Test func onlyTheAssigneeTheSetterAManagerOrAnAdminChangeATask() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.now }
            let (ona, _) = try await app.apiClient("ona@example.lt")
            let (jonas, jonasUser) = try await app.apiClient("jonas@example.lt")
            let (petras, _) = try await app.apiClient("petras@example.lt")
            let (manager, _) = try await app.apiClient("rasa@example.lt", role: .manager)
            // Ona sets a task for Jonas: both may change it, Petras may only read it.
            let task = try await ona.create(TaskDTO.self, "/api/v1/tasks", json: ["title": "Visit the warehouse", "dueOn": "2026-12-04",
                                                                                    "assigneeId": jonasUser.id!.uuidString, "kind": "visit"])
            #expect(try await petras.send(.GET, "/api/v1/tasks/\(task.id)").status == .ok)
            #expect(try await petras.send(.PATCH, "/api/v1/tasks/\(task.id)", json: ["title": "Mine"], ifMatch: "\"1\"").status == .forbidden)
            #expect(try await petras.send(.POST, "/api/v1/tasks/\(task.id)/complete", json: [:]).status == .forbidden)
            let moved = try await jonas.decode(TaskDTO.self, .PATCH, "/api/v1/tasks/\(task.id)", json: ["dueOn": "2026-12-05"], ifMatch: "\"1\"")
            #expect(moved.dueOn == "2026-12-05" && moved.version == 2 && moved.title == "Visit the warehouse")
            // A change made to an old version is refused rather than overwriting.
            #expect(try await ona.send(.PATCH, "/api/v1/tasks/\(task.id)", json: ["title": "Other"], ifMatch: "\"1\"").status == .conflict)
            let cancelled = try await manager.decode(TaskDTO.self, .POST, "/api/v1/tasks/\(task.id)/cancel")
            #expect(cancelled.status == "cancelled")
            #expect(try await jonas.send(.POST, "/api/v1/tasks/\(task.id)/complete", json: [:]).status == .conflict)
        }
    }

    @Test func completingACallTaskRecordsTheCallInTheSameStep() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.now }
            let (ona, _) = try await app.apiClient("ona@example.lt")
            let account = try await ona.createAccount(["name": "Baltic Films"])
            let contact = try await ona.createContact(["givenName": "Ieva", "accountId": account.id.uuidString])
            let task = try await ona.create(TaskDTO.self, "/api/v1/tasks", json: ["title": "Call Ieva about film", "dueOn": "2026-12-01",
                                                                                    "kind": "call", "contactId": contact.id.uuidString])
            #expect(task.account?.id == account.id, "the contact's account is filled in")
            let done = try await ona.decode(TaskDTO.self, .POST, "/api/v1/tasks/\(task.id)/complete", json: ["outcome": "Orders 200 rolls in January"])
            #expect(done.status == "done" && done.outcome == "Orders 200 rolls in January" && done.doneBy?.name == "ona@example.lt")
            let interactionID = try #require(done.interactionId)
            let logged = try await ona.send(.GET, "/api/v1/interactions/\(interactionID)")
            #expect(logged.status == .ok)
            #expect(logged.body.string.contains("\"kind\":\"call\"") && logged.body.string.contains("Orders 200 rolls in January"))
            let timeline = try await ona.send(.GET, "/api/v1/contacts/\(contact.id)/timeline")
            #expect(timeline.body.string.contains("Call Ieva about film"))

            // A to-do records nothing; a failed recording (the contact's cap) leaves the task open.
            let todo = try await ona.create(TaskDTO.self, "/api/v1/tasks", json: ["title": "Print labels", "dueOn": "2026-12-01", "accountId": account.id.uuidString])
            #expect(try await ona.decode(TaskDTO.self, .POST, "/api/v1/tasks/\(todo.id)/complete", json: [:]).interactionId == nil)
        }
    }

    @Test func aCallOverTheContactCapNeedsAReasonAndLeavesTheTaskOpenWithout() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.now }
            let (ona, _) = try await app.apiClient("ona@example.lt")
            let (admin, _) = try await app.apiClient("admin@example.lt", role: .admin)
            #expect(try await admin.send(.PUT, "/api/v1/settings/contact-cap", jsonArray: [["maxContacts": 1, "days": 7]]).status == .ok)
            let contact = try await ona.createContact(["givenName": "Ieva"])
            _ = try await ona.send(.POST, "/api/v1/interactions", json: ["kind": "call", "direction": "outbound", "contactIds": [contact.id.uuidString], "subject": "First"])
            let task = try await ona.create(TaskDTO.self, "/api/v1/tasks", json: ["title": "Call again", "dueOn": "2026-12-01", "kind": "call",
                                                                                    "contactId": contact.id.uuidString])
            let refused = try await ona.send(.POST, "/api/v1/tasks/\(task.id)/complete", json: ["outcome": "Talked"])
            let reasons = try ErrorBody.of(refused).fields ?? [:]
            #expect(refused.status == .unprocessableEntity && reasons.keys.contains("capReason"))
            #expect(try await ona.decode(TaskDTO.self, .GET, "/api/v1/tasks/\(task.id)").status == "open")
            let done = try await ona.decode(TaskDTO.self, .POST, "/api/v1/tasks/\(task.id)/complete", json: ["outcome": "Talked", "capReason": "They asked us to call"])
            #expect(done.status == "done" && done.interactionId != nil)
        }
    }
}
