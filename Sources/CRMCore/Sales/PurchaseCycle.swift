/// How often a customer orders: the average days between orders, and when the next one is due if they keep to it.
public struct PurchaseCycle: Equatable, Sendable {
    public let averageDays: Int
    public let expectedNext: CalendarDate

    /// Nil with fewer than two orders: one order has no rhythm yet.
    public init?(orders: Int, first: CalendarDate, last: CalendarDate) {
        guard orders >= 2 else { return nil }
        averageDays = Int(Rounding.divide(Int64(first.days(until: last)), by: Int64(orders - 1)))
        expectedNext = last.adding(days: averageDays)
    }
}
