/// What a revision changed on an order's lines, in words a colleague reads on the order card: lines are matched by
/// item (the product, or the free text), so a changed quantity or price reads as such and not as a removal and an addition.
public enum OrderRevision {
    public struct Line: Sendable, Equatable {
        public let itemKey: String
        public let description: String
        public let quantity: Int64
        public let unitPriceMinor: Int64
        public let discountBasisPoints: Int64

        public init(itemKey: String, description: String, quantity: Int64, unitPriceMinor: Int64, discountBasisPoints: Int64) {
            (self.itemKey, self.description, self.quantity) = (itemKey, description, quantity)
            (self.unitPriceMinor, self.discountBasisPoints) = (unitPriceMinor, discountBasisPoints)
        }
    }

    /// One sentence per change, in line order; empty when nothing about the lines changed.
    public static func changes(from before: [Line], to after: [Line], currency: String) -> [String] {
        func money(_ minor: Int64) -> String { MinorUnits.display(minor, currency: currency) }
        func percent(_ basisPoints: Int64) -> String { MinorUnits.plain(basisPoints, decimals: 2) + " %" }
        var unmatched = before
        var sentences: [String] = []
        for line in after {
            guard let index = unmatched.firstIndex(where: { $0.itemKey == line.itemKey }) else {
                sentences.append("added \(line.description) × \(line.quantity) at \(money(line.unitPriceMinor))")
                continue
            }
            let old = unmatched.remove(at: index)
            var parts: [String] = []
            if old.quantity != line.quantity { parts.append("quantity \(old.quantity) → \(line.quantity)") }
            if old.unitPriceMinor != line.unitPriceMinor { parts.append("unit price \(money(old.unitPriceMinor)) → \(money(line.unitPriceMinor))") }
            if old.discountBasisPoints != line.discountBasisPoints { parts.append("discount \(percent(old.discountBasisPoints)) → \(percent(line.discountBasisPoints))") }
            if !parts.isEmpty { sentences.append(line.description + ": " + parts.joined(separator: ", ")) }
        }
        sentences += unmatched.map { "removed \($0.description) × \($0.quantity)" }
        return sentences
    }
}
