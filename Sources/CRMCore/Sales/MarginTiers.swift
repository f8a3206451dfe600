/// Product tiers by margin (A ≥ 40 %, B ≥ 20 %, C below, as an admin sets them), each with the commission rate a
/// salesperson earns on the revenue of lines in that tier.
public struct MarginTier: Equatable, Sendable, Codable {
    public let code: String
    /// The lowest margin, in basis points, a product needs for this tier; the last tier takes everything below.
    public let minimumBasisPoints: Int64
    /// Commission on line revenue, in basis points (500 = 5 %).
    public let commissionBasisPoints: Int64

    public init(code: String, minimumBasisPoints: Int64, commissionBasisPoints: Int64) {
        self.code = code
        self.minimumBasisPoints = minimumBasisPoints
        self.commissionBasisPoints = commissionBasisPoints
    }
}

public struct MarginTiers: Equatable, Sendable {
    /// Highest minimum first.
    public let tiers: [MarginTier]

    public static let standard = MarginTiers(unchecked: [
        MarginTier(code: "A", minimumBasisPoints: 4_000, commissionBasisPoints: 800),
        MarginTier(code: "B", minimumBasisPoints: 2_000, commissionBasisPoints: 500),
        MarginTier(code: "C", minimumBasisPoints: Int64.min, commissionBasisPoints: 200),
    ])

    private init(unchecked tiers: [MarginTier]) { self.tiers = tiers }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty, duplicateCode(String), notDescending, commission(String)

        public var description: String {
            switch self {
            case .empty: "must have at least one tier"
            case let .duplicateCode(code): "has the code \(code) twice"
            case .notDescending: "minimum margins must fall from the first tier to the last"
            case let .commission(code): "commission of tier \(code) must be between 0 and 100 %"
            }
        }
    }

    /// The last tier's minimum is ignored: it takes every margin below the others, negative ones included.
    public init(_ tiers: [MarginTier]) throws(Problem) {
        guard !tiers.isEmpty else { throw .empty }
        var codes = Set<String>()
        for tier in tiers {
            guard codes.insert(tier.code).inserted else { throw .duplicateCode(tier.code) }
            guard (0...10_000).contains(tier.commissionBasisPoints) else { throw .commission(tier.code) }
        }
        let minimums = tiers.dropLast().map(\.minimumBasisPoints)
        guard zip(minimums, minimums.dropFirst()).allSatisfy({ $0 > $1 }) else { throw .notDescending }
        var adjusted = tiers
        let last = tiers[tiers.count - 1]
        adjusted[tiers.count - 1] = MarginTier(code: last.code, minimumBasisPoints: Int64.min, commissionBasisPoints: last.commissionBasisPoints)
        self.tiers = adjusted
    }

    /// The tier of a margin; a product without a margin (no price) falls in the last tier.
    public func tier(forMargin basisPoints: Int64?) -> MarginTier {
        guard let basisPoints else { return tiers[tiers.count - 1] }
        return tiers.first { basisPoints >= $0.minimumBasisPoints } ?? tiers[tiers.count - 1]
    }

    /// Commission on a line: its revenue × the tier's rate, rounded half away from zero.
    public func commissionMinor(revenueMinor: Int64, marginBasisPoints: Int64?) -> Int64 {
        let rate = tier(forMargin: marginBasisPoints).commissionBasisPoints
        let (scaled, overflow) = revenueMinor.multipliedReportingOverflow(by: rate)
        return overflow ? 0 : Rounding.divide(scaled, by: 10_000)
    }
}
