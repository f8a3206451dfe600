import Foundation

/// How often a customer buys, estimated from the days they ordered so that one odd gap does not move it: the median of
/// the gaps between buying days (several orders on one day are one purchase). Regular when the middle half of the
/// gaps lies within half the median of it. A customer who buys in a season (a few orders close together, then most of
/// a year without) is read by the time between the starts of their seasons. Anything else, or fewer than
/// `minimumOrders` buying days, has no rhythm to hold them to.
public struct PurchaseRhythm: Equatable, Sendable {
    public enum Pattern: String, Sendable { case regular, seasonal }

    public let pattern: Pattern
    /// Typical days between purchases (regular) or between the starts of seasons (seasonal).
    public let typicalDays: Int
    public let buyingDays: Int
    public let lastOrder: CalendarDate
    /// When the next purchase is due if they keep to it.
    public let expectedNext: CalendarDate

    public static let defaultMinimumOrders = 4

    public init?(orderDays: [CalendarDate], minimumOrders: Int = defaultMinimumOrders) {
        let days = Array(Set(orderDays)).sorted()
        guard days.count >= max(minimumOrders, 3), let last = days.last else { return nil }
        let gaps = zip(days, days.dropFirst()).map { $0.days(until: $1) }
        buyingDays = days.count
        lastOrder = last
        if Self.isRegular(gaps), let median = Self.median(gaps) {
            (pattern, typicalDays, expectedNext) = (.regular, median, last.adding(days: median))
            return
        }
        // Seasons: a gap four times the usual or more starts a new one.
        guard let usual = Self.median(gaps), usual > 0 else { return nil }
        var starts = [days[0]]
        for (gap, day) in zip(gaps, days.dropFirst()) where gap >= 4 * usual { starts.append(day) }
        let seasonGaps = zip(starts, starts.dropFirst()).map { $0.days(until: $1) }
        guard seasonGaps.count >= 2, Self.isRegular(seasonGaps), let period = Self.median(seasonGaps), let lastStart = starts.last else { return nil }
        (pattern, typicalDays, expectedNext) = (.seasonal, period, lastStart.adding(days: period))
    }

    /// Days past the expected purchase on `today` (negative before it).
    public func daysLate(on today: CalendarDate) -> Int { expectedNext.days(until: today) }

    /// Late by more than `marginPercent` of the typical interval: worth a reminder.
    public func isOverdue(on today: CalendarDate, marginPercent: Int) -> Bool {
        daysLate(on: today) * 100 > typicalDays * marginPercent
    }

    /// The middle half of the values within half the median of it.
    static func isRegular(_ values: [Int]) -> Bool {
        guard values.count >= 2, let median = median(values), median > 0 else { return false }
        let sorted = values.sorted()
        let (q1, q3) = (quantile(sorted, 1, 4), quantile(sorted, 3, 4))
        return (q3 - q1) * 2 <= median
    }

    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        return quantile(values.sorted(), 1, 2)
    }

    /// The `numerator/denominator` quantile of sorted values, interpolated and rounded to whole days.
    static func quantile(_ sorted: [Int], _ numerator: Int, _ denominator: Int) -> Int {
        let position = Double((sorted.count - 1) * numerator) / Double(denominator)
        let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
        return Int((Double(sorted[low]) + Double(sorted[high] - sorted[low]) * (position - Double(low))).rounded())
    }
}
