/// The fixed choices of a customer record. Raw values are what the API and the database hold.
public enum AccountKind: String, CaseIterable, Codable, Sendable {
    case company, individual
}

public enum ContactPointLabel: String, CaseIterable, Codable, Sendable {
    case work, mobile, home, fax, other
}

public enum PreferredChannel: String, CaseIterable, Codable, Sendable {
    case phone, email, fax
    case inPerson = "in_person"
    case social

    public var label: String {
        switch self {
        case .phone: "Phone"
        case .email: "Email"
        case .fax: "Fax"
        case .inPerson: "In person"
        case .social: "Social network"
        }
    }
}

/// The part a person plays when their organisation buys (seed 003: who uses, buys, supports and decides).
public enum BuyingRole: String, CaseIterable, Codable, Sendable {
    case decisionMaker = "decision_maker"
    case purchaser, user
    case technical
    case influencer

    public var label: String {
        switch self {
        case .decisionMaker: "Decision maker"
        case .purchaser: "Purchaser"
        case .user: "User"
        case .technical: "Technical / support"
        case .influencer: "Influencer"
        }
    }
}

public enum AddressKind: String, CaseIterable, Codable, Sendable {
    case office, billing, shipping, home, other
}
