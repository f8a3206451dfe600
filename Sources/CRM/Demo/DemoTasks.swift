import CRMCore
import Fluent
import Vapor

/// A few tasks for every demo user and the first admin, overdue, today and later, on demo customers, so *my day*
/// has something to show (the demo meetings' follow-up dates add their own).
enum DemoTasks {
    static let script: [(title: String, kind: TaskKind, priority: TaskPriority, days: Int, time: String?)] = [
        ("Send the revised price list", .email, .high, -1, nil),
        ("Call about the December delivery", .call, .normal, 0, "10:30"),
        ("Prepare the quarterly review", .todo, .normal, 0, nil),
        ("Visit the plant with the new samples", .visit, .normal, 3, "09:00"),
        ("Check the trial results", .call, .low, 6, "15:00"),
    ]

    /// Adds nothing when tasks other than follow-ups exist already. Returns how many were added.
    static func load(into app: Application) async throws -> Int {
        guard try await TaskItem.query(on: app.db).filter(\.$sourceInteractionID == nil).count() == 0 else { return 0 }
        let users = try await User.query(on: app.db).filter(\.$isDisabled == false).sort(\.$email).all()
        let contacts = try await Contact.query(on: app.db).filter(\.$archivedAt == nil).filter(\.$account.$id != nil).sort(\.$displayName).limit(20).all()
        guard !contacts.isEmpty else { return 0 }
        let now = app.clock.now()
        var added = 0
        for (userIndex, user) in users.enumerated() {
            let store = TaskStore(db: app.db, actor: user, now: now)
            let today = TaskDue.day(of: now, in: TimeZone(identifier: user.timeZone) ?? .gmt)
            for (index, step) in script.enumerated() {
                let contact = contacts[(userIndex * script.count + index) % contacts.count]
                var input = TaskInput()
                input.title = step.title
                input.kind = step.kind.rawValue
                input.priority = step.priority.rawValue
                input.dueOn = today.adding(days: step.days).description
                input.dueTime = step.time
                input.contactId = try contact.requireID()
                _ = try await store.create(input)
                added += 1
            }
        }
        return added
    }
}
