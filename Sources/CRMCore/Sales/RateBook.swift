import Foundation

/// The recorded exchange rates to the base currency, each valid from its day until the next rate of its currency:
/// what a figure in another currency is worth in the base currency on a given day, and which rate said so.
public struct RateBook: Sendable {
    public struct Rate: Sendable, Equatable, Hashable {
        public let currency: String
        /// `YYYY-MM-DD`.
        public let validFrom: String
        /// As recorded, e.g. "0.9234": base units per unit of the currency.
        public let text: String

        public init(currency: String, validFrom: String, text: String) {
            (self.currency, self.validFrom, self.text) = (currency.uppercased(), validFrom, text)
        }
    }

    public let base: String
    private let byCurrency: [String: [(rate: Rate, value: Decimal)]]

    /// Rates whose text is not a readable rate are left out, as if never recorded.
    public init(base: String, rates: [Rate]) {
        self.base = base.uppercased()
        var grouped: [String: [(rate: Rate, value: Decimal)]] = [:]
        for rate in rates {
            guard let value = CurrencyConversion.parseRate(rate.text) else { continue }
            grouped[rate.currency, default: []].append((rate, value))
        }
        byCurrency = grouped.mapValues { $0.sorted { $0.rate.validFrom < $1.rate.validFrom } }
    }

    /// The rate valid on `day` (the latest recorded on or before it); nil for the base currency and when none is.
    public func rate(for currency: String, on day: String) -> Rate? {
        byCurrency[currency.uppercased()]?.last { $0.rate.validFrom <= day }?.rate
    }

    /// `minor` units of `currency` in base minor units on `day`; nil when no rate is valid then (never counted 1:1)
    /// or the amount does not fit.
    public func convert(_ minor: Int64, _ currency: String, on day: String) -> Int64? {
        if currency.uppercased() == base { return minor }
        guard let entry = byCurrency[currency.uppercased()]?.last(where: { $0.rate.validFrom <= day }) else { return nil }
        return CurrencyConversion.convert(Money(minor: minor, currency: currency), rate: entry.value, to: base)?.minor
    }
}
