/// The rule that keeps quoted prices consistent: a new quote for the same customer and item that differs from an
/// earlier quote still valid on the new quote's date must say why, so colleagues do not contradict each other.
public enum QuoteConsistency {
    public struct Earlier: Sendable, Equatable {
        public let netUnitMinor: Int64
        public let currency: String
        /// Last day the earlier quote holds; nil means it has no end date and still holds.
        public let validUntil: CalendarDate?

        public init(netUnitMinor: Int64, currency: String, validUntil: CalendarDate?) {
            (self.netUnitMinor, self.currency, self.validUntil) = (netUnitMinor, currency, validUntil)
        }
    }

    /// Unit price after the line discount (basis points), rounded half away from zero; nil when the amount is too
    /// large to compute exactly.
    public static func netUnit(priceMinor: Int64, discountBasisPoints: Int) -> Int64? {
        let (gross, overflow) = priceMinor.multipliedReportingOverflow(by: Int64(10_000 - discountBasisPoints))
        guard !overflow else { return nil }
        let (quotient, remainder) = gross.quotientAndRemainder(dividingBy: 10_000)
        return remainder * 2 >= 10_000 ? quotient + 1 : remainder * 2 <= -10_000 ? quotient - 1 : quotient
    }

    /// True when the new price contradicts an earlier quote that still holds on `date`.
    public static func needsReason(newNetUnitMinor: Int64, currency: String, earlier: Earlier?, on date: CalendarDate) -> Bool {
        guard let earlier else { return false }
        if let until = earlier.validUntil, until < date { return false }
        return earlier.currency != currency || earlier.netUnitMinor != newNetUnitMinor
    }

    /// True when a line's price after discount is below what one unit costs the company. Only a cost in the
    /// quote's currency can be compared; a line without a known cost is never below it.
    public static func isBelowCost(netUnitMinor: Int64, currency: String, costMinor: Int64?, costCurrency: String?) -> Bool {
        guard let costMinor, costCurrency == currency else { return false }
        return netUnitMinor < costMinor
    }

    /// The key under which quotes of one item are compared: the product, or the free-text item without case and
    /// surrounding or repeated spaces.
    public static func itemKey(productID: String?, description: String?) -> String? {
        if let productID { return "product:" + productID.lowercased() }
        guard let description else { return nil }
        let words = description.lowercased().split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? nil : "text:" + words.joined(separator: " ")
    }
}
