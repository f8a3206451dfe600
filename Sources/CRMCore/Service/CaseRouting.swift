/// Where a new case goes: the first rule, in order, whose every condition matches; conditions left empty match
/// anything. Pure, so the order and matching are tested without a database.
public struct CaseRoutingRule: Sendable, Equatable {
    public let departmentID: String
    public let kind: CaseKind?
    public let productID: String?
    /// Matched case-insensitively inside the subject or description.
    public let keyword: String?
    /// `A`, `B` or `C`.
    public let tier: String?

    public init(departmentID: String, kind: CaseKind? = nil, productID: String? = nil, keyword: String? = nil, tier: String? = nil) {
        self.departmentID = departmentID
        self.kind = kind
        self.productID = productID
        self.keyword = keyword.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        self.tier = tier
    }

    public struct Case: Sendable {
        public let kind: CaseKind
        public let productID: String?
        public let text: String
        public let tier: String?

        public init(kind: CaseKind, productID: String?, text: String, tier: String?) {
            (self.kind, self.productID, self.text, self.tier) = (kind, productID, text, tier)
        }
    }

    public func matches(_ new: Case) -> Bool {
        if let kind, kind != new.kind { return false }
        if let productID, productID != new.productID { return false }
        if let tier, tier != new.tier { return false }
        if let keyword, new.text.range(of: keyword, options: [.caseInsensitive, .diacriticInsensitive]) == nil { return false }
        return true
    }

    /// The index of the first matching rule.
    public static func route(_ new: Case, rules: [CaseRoutingRule]) -> Int? {
        rules.firstIndex { $0.matches(new) }
    }
}

/// SLA targets by priority and tier: a policy for the customer's own tier wins over one for every tier.
public struct SLATarget: Sendable, Equatable {
    public let priority: CasePriority
    /// nil: every tier.
    public let tier: String?
    public let firstResponseMinutes: Int
    public let resolutionMinutes: Int

    public init(priority: CasePriority, tier: String?, firstResponseMinutes: Int, resolutionMinutes: Int) {
        (self.priority, self.tier, self.firstResponseMinutes, self.resolutionMinutes) = (priority, tier, firstResponseMinutes, resolutionMinutes)
    }

    public static func choose(priority: CasePriority, tier: String?, from targets: [SLATarget]) -> SLATarget? {
        targets.first { $0.priority == priority && $0.tier != nil && $0.tier == tier } ?? targets.first { $0.priority == priority && $0.tier == nil }
    }

    /// Targets a new installation starts with (working hours): urgent 1 h / 8 h … low 3 days / 20 days; tier A faster.
    public static let defaults: [SLATarget] = [
        .init(priority: .urgent, tier: nil, firstResponseMinutes: 60, resolutionMinutes: 8 * 60),
        .init(priority: .high, tier: nil, firstResponseMinutes: 4 * 60, resolutionMinutes: 3 * 8 * 60),
        .init(priority: .normal, tier: nil, firstResponseMinutes: 8 * 60, resolutionMinutes: 5 * 8 * 60),
        .init(priority: .low, tier: nil, firstResponseMinutes: 3 * 8 * 60, resolutionMinutes: 20 * 8 * 60),
        .init(priority: .urgent, tier: "A", firstResponseMinutes: 30, resolutionMinutes: 4 * 60),
        .init(priority: .high, tier: "A", firstResponseMinutes: 2 * 60, resolutionMinutes: 2 * 8 * 60),
        .init(priority: .normal, tier: "A", firstResponseMinutes: 4 * 60, resolutionMinutes: 3 * 8 * 60),
    ]
}
