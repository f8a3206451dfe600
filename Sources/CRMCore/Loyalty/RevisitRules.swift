import Foundation

/// How a revisit plan keeps in touch: a visit (logged as a meeting) or a call.
public enum RevisitKind: String, CaseIterable, Codable, Sendable {
    case visit, call

    public var label: String { self == .visit ? "Visit" : "Call" }
    public var taskKind: TaskKind { self == .visit ? .visit : .call }
    /// The interaction that counts as having done it (completing the task records it).
    public var interactionKind: InteractionKind { self == .visit ? .meeting : .call }
}

public enum RevisitRules {
    public static let intervals = 1...730

    /// When the next contact is due: `intervalDays` after the last real one, or today when there has been none. A
    /// logged contact moves it; finishing the plan's task does too, as it logs the contact.
    /// "every day", "every 90 days".
    public static func every(_ days: Int) -> String { days == 1 ? "every day" : "every \(days) days" }

    public static func due(lastContact: CalendarDate?, intervalDays: Int, today: CalendarDate) -> CalendarDate {
        lastContact?.adding(days: intervalDays) ?? today
    }
}
