import Foundation

/// The arithmetic of a sales forecast, kept apart from the SQL that gathers its inputs so it can be checked by hand.
public enum ForecastMath {
    /// Amount × probability %, in minor units, rounded half away from zero.
    public static func weighted(amountMinor: Int64, probability: Int) -> Int64 {
        weightedTotal(sumOfAmountTimesProbability: amountMinor * Int64(probability))
    }

    /// A group's weighted amount from Σ amount × probability, as SQL sums it: rounded once, at the end,
    /// so the total does not drift with the number of deals.
    public static func weightedTotal(sumOfAmountTimesProbability product: Int64) -> Int64 {
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 100)
        return remainder * 2 >= 100 ? quotient + 1 : remainder * 2 <= -100 ? quotient - 1 : quotient
    }

    /// Won deals out of all closed ones, as a whole percentage; `nil` when nothing closed.
    public static func winRate(won: Int, lost: Int) -> Int? {
        let closed = won + lost
        guard closed > 0 else { return nil }
        return Int((Double(won) * 100 / Double(closed)).rounded())
    }

    /// The quarter ("2026-Q4") a month ("2026-11") falls in.
    public static func quarter(ofMonth month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let number = Int(parts[1]), (1...12).contains(number) else { return month }
        return "\(parts[0])-Q\((number - 1) / 3 + 1)"
    }

    /// The quarters the months fall in, each once, in the months' order.
    public static func quarters(ofMonths months: [String]) -> [String] {
        var seen = Set<String>()
        return months.map(quarter(ofMonth:)).filter { seen.insert($0).inserted }
    }

    /// The months from `first` to `last` inclusive ("2026-11" … "2027-02"), so months without deals still show.
    public static func months(from first: String, to last: String) -> [String] {
        func parse(_ text: String) -> (Int, Int)? {
            let parts = text.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            return (year, month)
        }
        guard var (year, month) = parse(first), let end = parse(last) else { return [] }
        var result: [String] = []
        while (year, month) <= end, result.count < 240 {
            result.append(String(format: "%04d-%02d", year, month))
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return result
    }
}
