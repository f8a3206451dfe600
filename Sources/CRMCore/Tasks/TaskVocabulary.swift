/// What a task asks for: a call or a visit is recorded on the customer's timeline when it is done.
public enum TaskKind: String, CaseIterable, Codable, Sendable {
    case todo, call, visit, email

    public var label: String {
        switch self {
        case .todo: "To do"
        case .call: "Call"
        case .visit: "Visit"
        case .email: "Email"
        }
    }
}

public enum TaskPriority: String, CaseIterable, Codable, Sendable {
    case high, normal, low
}

public enum TaskStatus: String, CaseIterable, Codable, Sendable {
    case open, done, cancelled
}

/// Who may change a task: the person it is for, the person who set it, managers and admins; anyone may read it.
public enum TaskRules {
    public static func canChange(role: Role, isAssignee: Bool, isCreator: Bool) -> Bool {
        isAssignee || isCreator || role.canSeeTeamWork
    }
}
