import Foundation

/// An exact amount: integer minor units (cents) of an ISO 4217 currency. Never a floating-point number.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    public let minor: Int64
    public let currency: String

    public init(minor: Int64, currency: String) {
        self.minor = minor
        self.currency = currency.uppercased()
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case currencyMismatch(String, String)
        case overflow

        public var description: String {
            switch self {
            case let .currencyMismatch(a, b): "cannot combine \(a) with \(b) without a conversion"
            case .overflow: "is too large"
            }
        }
    }

    public func adding(_ other: Money) throws(Problem) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = minor.addingReportingOverflow(other.minor)
        guard !overflow else { throw .overflow }
        return Money(minor: sum, currency: currency)
    }

    public func subtracting(_ other: Money) throws(Problem) -> Money {
        try adding(Money(minor: -other.minor, currency: other.currency))
    }

    /// "1250.50 EUR".
    public var description: String { "\(MinorUnits.plain(minor, currency: currency)) \(currency)" }
}

/// Rounding of exact quotients: half away from zero, the commercial rule invoices use (2.5 → 3, −2.5 → −3).
public enum Rounding {
    /// `numerator / denominator` rounded half away from zero; `denominator` must be positive.
    public static func divide(_ numerator: Int64, by denominator: Int64) -> Int64 {
        precondition(denominator > 0)
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        guard remainder.magnitude * 2 >= denominator.magnitude else { return quotient }
        return numerator < 0 ? quotient - 1 : quotient + 1
    }

    /// A decimal rounded half away from zero to a whole number, or nil when it does not fit in 64 bits.
    public static func whole(_ value: Decimal) -> Int64? {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 0, .plain)
        guard rounded.magnitude <= Decimal(Int64.max) else { return nil }
        return NSDecimalNumber(decimal: rounded).int64Value
    }
}

/// Conversion into the installation's base currency at a rate an admin recorded.
public enum CurrencyConversion {
    /// A rate as written ("0.9234": one unit of the foreign currency is worth this many base units): positive and
    /// at most 12 decimals; nil otherwise.
    public static func parseRate(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCIIDigit || $0 == "." }), trimmed.filter({ $0 == "." }).count <= 1,
              (trimmed.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0) <= 12,
              let rate = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")), rate > 0 else { return nil }
        return rate
    }

    /// `amount` in `base` minor units: amount × rate, adjusted for the currencies' decimals, rounded half away from zero.
    public static func convert(_ amount: Money, rate: Decimal, to base: String) -> Money? {
        if amount.currency == base.uppercased() { return amount }
        let shift = MinorUnits.exponent(of: base) - MinorUnits.exponent(of: amount.currency)
        var value = Decimal(amount.minor) * rate
        if shift > 0 { for _ in 0..<shift { value *= 10 } }
        if shift < 0 { for _ in 0..<(-shift) { value /= 10 } }
        return Rounding.whole(value).map { Money(minor: $0, currency: base) }
    }
}
