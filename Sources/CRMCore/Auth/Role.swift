/// What a user does in the company; it decides what the CRM lets them change.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin, manager, sales, service

    /// Only admins manage accounts, because that includes granting admin rights.
    public var canManageUsers: Bool { self == .admin }

    /// Managers see their team's figures and other users' details.
    public var canSeeAllUsers: Bool { self == .admin || self == .manager }

    public var label: String {
        switch self {
        case .admin: "Administrator"
        case .manager: "Manager"
        case .sales: "Sales"
        case .service: "Service"
        }
    }
}
