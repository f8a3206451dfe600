/// Customer tiers by profit contribution (Pareto / ABC): ranked by profit, the customers that together make the
/// first `aPercent` of all profit are A, those making the next `bPercent` are B, everyone else C.
public enum ProfitTiers {
    public enum Tier: String, Codable, Sendable, CaseIterable, Comparable {
        case a = "A", b = "B", c = "C"
        public static func < (x: Tier, y: Tier) -> Bool { x.rawValue < y.rawValue }
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public static func validate(aPercent: Int, bPercent: Int) throws(Problem) {
        guard (1...99).contains(aPercent) else { throw Problem(description: "A share must be between 1 and 99 %") }
        guard bPercent >= 0, aPercent + bPercent <= 100 else { throw Problem(description: "A and B shares together must be at most 100 %") }
    }

    /// Tiers for every key given. A customer is A while the profit of those ranked above it is below the A share
    /// of the total (so the customer that crosses the line is A too), B likewise up to A + B. Customers with equal
    /// profit share one tier (the better one); customers with no or negative profit are C, and if nobody made a
    /// profit, everyone is C.
    public static func assign<Key: Hashable>(_ profits: [(key: Key, profitMinor: Int64)], aPercent: Int, bPercent: Int) -> [Key: Tier] {
        var tiers: [Key: Tier] = [:]
        let positive = profits.filter { $0.profitMinor > 0 }.sorted { $0.profitMinor > $1.profitMinor }
        let total = positive.reduce(Int64(0)) { $0 + $1.profitMinor }
        /// before × 100 < total × percent, exactly (full-width products cannot overflow).
        func belowShare(_ before: Int64, _ percent: Int) -> Bool {
            let left = before.multipliedFullWidth(by: 100)
            let right = total.multipliedFullWidth(by: Int64(percent))
            return (left.high, left.low) < (right.high, right.low)
        }
        var before: Int64 = 0
        var previous: (profit: Int64, tier: Tier)?
        for row in positive {
            let tier: Tier
            if let previous, previous.profit == row.profitMinor {
                tier = previous.tier
            } else if belowShare(before, aPercent) {
                tier = .a
            } else if belowShare(before, aPercent + bPercent) {
                tier = .b
            } else {
                tier = .c
            }
            tiers[row.key] = tier
            previous = (row.profitMinor, tier)
            before += row.profitMinor
        }
        for row in profits where tiers[row.key] == nil { tiers[row.key] = .c }
        return tiers
    }
}
