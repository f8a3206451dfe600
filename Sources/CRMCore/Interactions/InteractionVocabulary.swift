/// What kind of contact with a customer an interaction records.
public enum InteractionKind: String, CaseIterable, Codable, Sendable {
    case call, email, meeting, note, social, fax, quote

    /// Kinds that reach the customer and so count against the contact-frequency cap when outbound.
    public var reachesCustomer: Bool { self != .note }
}

public enum InteractionDirection: String, CaseIterable, Codable, Sendable {
    case inbound, outbound
}

public enum Sentiment: String, CaseIterable, Codable, Sendable {
    case positive, neutral, negative
}
