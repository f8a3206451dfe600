/// Where an order is, which is what a caller asks about: draft → confirmed → in production → shipped → delivered,
/// or cancelled before it ships.
public enum OrderStatus: String, Codable, Sendable, CaseIterable {
    case draft, confirmed
    case inProduction = "in_production"
    case shipped, delivered, cancelled

    /// The statuses an order may move to from this one.
    public var next: [OrderStatus] {
        switch self {
        case .draft: [.confirmed, .cancelled]
        case .confirmed: [.inProduction, .shipped, .cancelled]
        case .inProduction: [.shipped, .cancelled]
        case .shipped: [.delivered]
        case .delivered, .cancelled: []
        }
    }

    public func canMove(to status: OrderStatus) -> Bool { next.contains(status) }

    /// Confirmed and not yet delivered or cancelled: the orders a caller may ask about.
    public var isOpen: Bool { self == .confirmed || self == .inProduction || self == .shipped }

    /// Sales that count for revenue and profit: confirmed or further, not cancelled.
    public var counts: Bool { self != .draft && self != .cancelled }

    /// Until it ships an order's lines may be revised, each revision kept with who and when.
    public var isRevisable: Bool { self == .draft || self == .confirmed || self == .inProduction }

    public var label: String {
        switch self {
        case .draft: "Draft"
        case .confirmed: "Confirmed"
        case .inProduction: "In production"
        case .shipped: "Shipped"
        case .delivered: "Delivered"
        case .cancelled: "Cancelled"
        }
    }
}
