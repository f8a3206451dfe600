import CRMCore
import Fluent
import Vapor

/// `/reorder-reminders`: how late a customer must be before their owner is reminded, and what the reminders came to.
enum ReorderRemindersAPIController {
    struct Overview: Content {
        let settings: ReorderReminders.Settings
        let results: ReorderReminders.Results

        static let schema = JSONSchema.object([("settings", .ref("ReorderSettings")), ("results", .ref("ReorderResults"))], required: ["settings", "results"])
    }

    @Sendable static func show(_ request: Request) async throws -> Overview {
        Overview(settings: try await ReorderReminders.settings(on: request.db), results: try await ReorderReminders.results(on: request.db, now: request.now))
    }

    @Sendable static func saveSettings(_ request: Request) async throws -> ReorderReminders.Settings {
        try RevisitPlans.requirePlanner(request)
        return try await ReorderReminders.save(try request.decodeStrict(ReorderReminders.Settings.self), on: request.db, now: request.now)
    }

    static var operations: [APIOperation] {
        [
            .init(method: .GET, path: "/reorder-reminders", summary: "The reorder reminders' settings and what the last 90 days' reminders came to",
                  tag: "Loyalty", response: .ref("ReorderOverview"), errors: [401]),
            .init(method: .PUT, path: "/reorder-reminders/settings", summary: "How late against its rhythm an account must be (percent of its typical interval) and how many buying days make a rhythm (managers)",
                  tag: "Loyalty", requestBody: .ref("ReorderSettings"), response: .ref("ReorderSettings"), errors: [400, 401, 403, 422]),
        ]
    }
}
