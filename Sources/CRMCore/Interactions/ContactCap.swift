import Foundation

/// "At most N outbound contacts per customer in D days", overall or for one channel. A contact's own rules, when
/// set, replace the general ones (a key account may hear from us more often, a complaining one less).
public enum ContactCap {
    public struct Rule: Codable, Sendable, Equatable {
        public let maxContacts: Int
        public let days: Int
        /// nil: every channel counts.
        public let channel: InteractionKind?

        public init(maxContacts: Int, days: Int, channel: InteractionKind? = nil) {
            (self.maxContacts, self.days, self.channel) = (maxContacts, days, channel)
        }

        public var description: String {
            "at most \(maxContacts) outbound \(channel.map { $0.rawValue + " " } ?? "")contact\(maxContacts == 1 ? "" : "s") in \(days) day\(days == 1 ? "" : "s")"
        }
    }

    /// One earlier outbound contact.
    public struct Contact: Sendable {
        public let channel: InteractionKind
        public let at: Date
        public init(channel: InteractionKind, at: Date) { (self.channel, self.at) = (channel, at) }
    }

    public struct Status: Sendable, Equatable {
        /// The rule one more contact on the channel would break; nil when it is allowed.
        public let reachedRule: Rule?
        /// Contacts counted by that rule (or by the tightest rule when none is reached).
        public let count: Int
        /// When the oldest counted contact leaves the window, so one more is allowed again.
        public let allowedAgainAt: Date?

        public var isReached: Bool { reachedRule != nil }

        public init(reachedRule: Rule?, count: Int, allowedAgainAt: Date?) {
            (self.reachedRule, self.count, self.allowedAgainAt) = (reachedRule, count, allowedAgainAt)
        }
    }

    /// Whether one more outbound contact on `channel` at `now` stays within every rule that applies.
    public static func status(rules general: [Rule], override: [Rule]?, recent: [Contact], channel: InteractionKind, now: Date) -> Status {
        let rules = (override ?? general).filter { $0.channel == nil || $0.channel == channel }
        var tightest: (rule: Rule, count: Int)?
        for rule in rules.sorted(by: { $0.maxContacts < $1.maxContacts }) {
            let since = now.addingTimeInterval(-Double(rule.days) * 86_400)
            let counted = recent.filter { ($0.at > since && $0.at <= now) && (rule.channel == nil || $0.channel == rule.channel) }
                .map(\.at).sorted()
            if counted.count >= rule.maxContacts {
                // One more is allowed once enough of the counted contacts have left the window.
                let leaving = rule.maxContacts > 0 ? counted[counted.count - rule.maxContacts] : nil
                return Status(reachedRule: rule, count: counted.count, allowedAgainAt: leaving?.addingTimeInterval(Double(rule.days) * 86_400))
            }
            if tightest == nil { tightest = (rule, counted.count) }
        }
        return Status(reachedRule: nil, count: tightest?.count ?? 0, allowedAgainAt: nil)
    }

    /// The longest window any rule looks back, so the caller loads only the contacts that can count.
    public static func lookBackDays(_ rules: [Rule]) -> Int { rules.map(\.days).max() ?? 0 }
}
