/// The figures of one order line: what the customer pays, what it cost us at the time of sale, and the difference.
public struct LineFigures: Equatable, Sendable {
    public let revenueMinor: Int64
    public let costMinor: Int64
    public var profitMinor: Int64 { revenueMinor - costMinor }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case quantity, price, cost, discount, overflow

        public var description: String {
            switch self {
            case .quantity: "quantity must be at least 1"
            case .price: "unit price must not be negative"
            case .cost: "unit cost must not be negative"
            case .discount: "discount must be between 0 and 100 %"
            case .overflow: "amounts are too large"
            }
        }
    }

    /// `discountBasisPoints` is a percentage in hundredths (1250 = 12.5 %), taken off quantity × unit price and
    /// rounded half away from zero once, on the line.
    public init(quantity: Int64, unitPriceMinor: Int64, discountBasisPoints: Int64 = 0, unitCostMinor: Int64) throws(Problem) {
        guard quantity >= 1 else { throw .quantity }
        guard unitPriceMinor >= 0 else { throw .price }
        guard unitCostMinor >= 0 else { throw .cost }
        guard (0...10_000).contains(discountBasisPoints) else { throw .discount }
        let (gross, grossOverflow) = quantity.multipliedReportingOverflow(by: unitPriceMinor)
        let (cost, costOverflow) = quantity.multipliedReportingOverflow(by: unitCostMinor)
        let (kept, keptOverflow) = gross.multipliedReportingOverflow(by: 10_000 - discountBasisPoints)
        guard !grossOverflow, !costOverflow, !keptOverflow else { throw .overflow }
        revenueMinor = Rounding.divide(kept, by: 10_000)
        costMinor = cost
    }

    public init(revenueMinor: Int64, costMinor: Int64) {
        self.revenueMinor = revenueMinor
        self.costMinor = costMinor
    }
}

public enum Margin {
    /// (price − cost) / price in basis points (4000 = 40 %), rounded half away from zero; nil for a zero price,
    /// which has no margin to speak of.
    public static func basisPoints(priceMinor: Int64, costMinor: Int64) -> Int64? {
        guard priceMinor != 0 else { return nil }
        let (scaled, overflow) = (priceMinor - costMinor).multipliedReportingOverflow(by: 10_000)
        guard !overflow else { return nil }
        return priceMinor > 0 ? Rounding.divide(scaled, by: priceMinor) : Rounding.divide(-scaled, by: -priceMinor)
    }

    /// "40.0 %" or "12.5 %".
    public static func percentText(_ basisPoints: Int64) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let tenths = Rounding.divide(basisPoints.magnitude > Int64.max.magnitude ? 0 : Int64(basisPoints.magnitude), by: 10)
        return "\(sign)\(tenths / 10).\(tenths % 10) %"
    }
}
