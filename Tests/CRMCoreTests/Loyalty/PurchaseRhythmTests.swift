import CRMCore
import Testing

/// The purchase-cycle estimate on the fixtures the reminders meet: regular buyers (with an odd gap), irregular ones,
/// seasonal ones and those with too few orders.
@Suite struct PurchaseRhythmTests {
    func days(from start: String, gaps: [Int]) -> [CalendarDate] {
        var day = CalendarDate(start)!
        var days = [day]
        for gap in gaps { day = day.adding(days: gap); days.append(day) }
        return days
    }

    @Test func aRegularBuyerIsHeldToTheMedianGapWhateverOneOddGap() throws {
        let rhythm = try #require(PurchaseRhythm(orderDays: days(from: "2026-01-05", gaps: [41, 42, 40, 120, 42, 44])))
        #expect(rhythm.pattern == .regular && rhythm.typicalDays == 42 && rhythm.buyingDays == 7)
        #expect(rhythm.lastOrder.description == "2026-11-30" && rhythm.expectedNext.description == "2027-01-11")
        #expect(!rhythm.isOverdue(on: CalendarDate("2027-01-21")!, marginPercent: 25), "10 days late is within 25 % of 42")
        #expect(rhythm.isOverdue(on: CalendarDate("2027-01-23")!, marginPercent: 25), "12 days late is not")
        #expect(rhythm.daysLate(on: CalendarDate("2027-01-23")!) == 12)
    }

    @Test func ordersOnOneDayAreOnePurchase() throws {
        let rhythm = try #require(PurchaseRhythm(orderDays: days(from: "2026-01-05", gaps: [30, 0, 30, 0, 30, 30])))
        #expect(rhythm.typicalDays == 30 && rhythm.buyingDays == 5)
    }

    @Test func anIrregularBuyerHasNoRhythm() {
        #expect(PurchaseRhythm(orderDays: days(from: "2026-01-05", gaps: [5, 90, 17, 60, 3, 150, 28])) == nil)
    }

    @Test func aSeasonalBuyerIsReadByTheirSeasons() throws {
        // Every spring: three orders a few weeks apart, then nothing until the next spring.
        let spring = days(from: "2023-03-01", gaps: [20, 22, 323, 21, 20, 324, 22, 21])
        let rhythm = try #require(PurchaseRhythm(orderDays: spring))
        #expect(rhythm.pattern == .seasonal && rhythm.typicalDays == 365)
        #expect(rhythm.lastOrder.description == "2025-04-12" && rhythm.expectedNext.description == "2026-02-28")
        #expect(!rhythm.isOverdue(on: CalendarDate("2025-12-01")!, marginPercent: 25), "no nagging between seasons")
    }

    @Test func tooFewOrdersHaveNoRhythm() {
        #expect(PurchaseRhythm(orderDays: days(from: "2026-01-05", gaps: [30, 30])) == nil)
        #expect(PurchaseRhythm(orderDays: days(from: "2026-01-05", gaps: [30, 30]), minimumOrders: 3) != nil)
        #expect(PurchaseRhythm(orderDays: days(from: "2026-01-05", gaps: [30, 0, 0, 0])) == nil, "five orders on two days")
        #expect(PurchaseRhythm(orderDays: []) == nil)
    }
}
