/// What a customer brought to us.
public enum CaseKind: String, CaseIterable, Codable, Sendable {
    case complaint, question, serviceRequest = "service_request", suggestion, praise

    public var label: String {
        switch self {
        case .complaint: "Complaint"
        case .question: "Question"
        case .serviceRequest: "Service request"
        case .suggestion: "Suggestion"
        case .praise: "Praise"
        }
    }
}

/// How urgent a case is; it chooses the SLA targets with the customer's tier.
public enum CasePriority: String, CaseIterable, Codable, Sendable {
    case urgent, high, normal, low

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// How the case reached us.
public enum CaseChannel: String, CaseIterable, Codable, Sendable {
    case email, phone, web, visit, letter

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// new → open → waiting on the customer → resolved → closed; a resolved or closed case may be reopened.
public enum CaseStatus: String, CaseIterable, Codable, Sendable {
    case new, open, waiting, resolved, closed

    public var label: String {
        switch self {
        case .new: "New"
        case .open: "Open"
        case .waiting: "Waiting on customer"
        case .resolved: "Resolved"
        case .closed: "Closed"
        }
    }

    /// Still someone's work (in a queue, counted in the backlog).
    public var isActive: Bool { self == .new || self == .open || self == .waiting }

    /// The moves allowed from here; moving back from resolved or closed is a reopening.
    public var next: [CaseStatus] {
        switch self {
        case .new: [.open, .waiting, .resolved]
        case .open: [.waiting, .resolved]
        case .waiting: [.open, .resolved]
        case .resolved: [.closed, .open]
        case .closed: [.open]
        }
    }

    public func canMove(to status: CaseStatus) -> Bool { next.contains(status) }

    public func isReopening(to status: CaseStatus) -> Bool { (self == .resolved || self == .closed) && status == .open }

    /// The action that moves a case here, as a button says it.
    public var verb: String {
        switch self {
        case .new: "New"
        case .open: "Open"
        case .waiting: "Wait on customer"
        case .resolved: "Resolve"
        case .closed: "Close"
        }
    }
}
