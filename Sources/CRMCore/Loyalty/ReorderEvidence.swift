import Foundation

/// The evidence a reorder reminder carries, so its owner sees why: "Orders every ~42 days; last order 63 days ago,
/// on 2026-09-29. Usually buys Packaging film (in 5 of 6 purchases). Label rolls: every ~30 days, last bought 63 days
/// ago."
public enum ReorderEvidence {
    public struct Product: Sendable {
        public let name: String
        public let days: [CalendarDate]

        public init(name: String, days: [CalendarDate]) {
            (self.name, self.days) = (name, days)
        }
    }

    public static func text(_ rhythm: PurchaseRhythm, today: CalendarDate, products: [Product], marginPercent: Int) -> String {
        let ago = rhythm.lastOrder.days(until: today)
        var parts = [rhythm.pattern == .regular
            ? "Orders every ~\(rhythm.typicalDays) days; last order \(ago) days ago, on \(rhythm.lastOrder)."
            : "Orders in a season every ~\(rhythm.typicalDays) days; the next season was due on \(rhythm.expectedNext); last order on \(rhythm.lastOrder)."]
        let ranked = products.map { ($0.name, Set($0.days).count) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        if let (name, count) = ranked.first, count * 2 >= rhythm.buyingDays {
            parts.append("Usually buys \(name) (in \(count) of \(rhythm.buyingDays) purchases).")
        }
        let late = products.compactMap { product -> (String, PurchaseRhythm)? in
            guard let own = PurchaseRhythm(orderDays: product.days), own.pattern == .regular, own.isOverdue(on: today, marginPercent: marginPercent) else { return nil }
            return (product.name, own)
        }.sorted { $0.1.daysLate(on: today) > $1.1.daysLate(on: today) }.prefix(3)
        for (name, own) in late {
            parts.append("\(name): every ~\(own.typicalDays) days, last bought \(own.lastOrder.days(until: today)) days ago.")
        }
        return parts.joined(separator: " ")
    }
}
