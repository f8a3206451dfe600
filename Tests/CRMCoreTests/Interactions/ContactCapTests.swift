import CRMCore
import Foundation
import Testing

@Suite struct ContactCapTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    @Test func anOverallRuleCountsEveryChannelInsideTheWindow() {
        let rules = [ContactCap.Rule(maxContacts: 3, days: 7)]
        let recent = [ContactCap.Contact(channel: .call, at: daysAgo(1)), .init(channel: .email, at: daysAgo(2)),
                      .init(channel: .email, at: daysAgo(6.5)), .init(channel: .email, at: daysAgo(8))]
        let status = ContactCap.status(rules: rules, override: nil, recent: recent, channel: .email, now: now)
        #expect(status.isReached && status.count == 3)
        #expect(status.allowedAgainAt == daysAgo(6.5).addingTimeInterval(7 * 86_400), "when the oldest counted contact leaves the window")
        let twoOnly = ContactCap.status(rules: rules, override: nil, recent: Array(recent.prefix(2)), channel: .email, now: now)
        #expect(!twoOnly.isReached && twoOnly.count == 2 && twoOnly.allowedAgainAt == nil)
    }

    @Test func aChannelRuleCountsOnlyItsChannelAndAppliesOnlyToIt() {
        let rules = [ContactCap.Rule(maxContacts: 1, days: 30, channel: .call), ContactCap.Rule(maxContacts: 5, days: 30)]
        let recent = [ContactCap.Contact(channel: .call, at: daysAgo(3)), .init(channel: .email, at: daysAgo(1))]
        #expect(ContactCap.status(rules: rules, override: nil, recent: recent, channel: .call, now: now).reachedRule == rules[0])
        #expect(!ContactCap.status(rules: rules, override: nil, recent: recent, channel: .email, now: now).isReached)
    }

    @Test func aContactsOwnRulesReplaceTheGeneralOnes() {
        let general = [ContactCap.Rule(maxContacts: 1, days: 30)]
        let recent = [ContactCap.Contact(channel: .email, at: daysAgo(3))]
        #expect(ContactCap.status(rules: general, override: nil, recent: recent, channel: .email, now: now).isReached)
        let keyAccount = [ContactCap.Rule(maxContacts: 10, days: 30)]
        #expect(!ContactCap.status(rules: general, override: keyAccount, recent: recent, channel: .email, now: now).isReached)
        #expect(!ContactCap.status(rules: general, override: [], recent: recent, channel: .email, now: now).isReached, "an empty override lifts the cap")
        let none = ContactCap.status(rules: [ContactCap.Rule(maxContacts: 0, days: 30)], override: nil, recent: [], channel: .email, now: now)
        #expect(none.isReached && none.allowedAgainAt == nil, "zero means never")
    }

    @Test func quotesThatContradictAStillValidQuoteNeedAReason() {
        let today = CalendarDate("2026-11-25")!
        let earlier = QuoteConsistency.Earlier(netUnitMinor: 9_000, currency: "EUR", validUntil: CalendarDate("2026-12-31"))
        #expect(QuoteConsistency.netUnit(priceMinor: 10_000, discountBasisPoints: 1_000) == 9_000)
        #expect(QuoteConsistency.netUnit(priceMinor: 999, discountBasisPoints: 1_250) == 874, "874.125 rounds to 874")
        #expect(QuoteConsistency.netUnit(priceMinor: -3_446_697_328_517_439, discountBasisPoints: 0) == nil, "too large to compute exactly")
        #expect(!QuoteConsistency.needsReason(newNetUnitMinor: 9_000, currency: "EUR", earlier: earlier, on: today))
        #expect(QuoteConsistency.needsReason(newNetUnitMinor: 8_500, currency: "EUR", earlier: earlier, on: today))
        #expect(QuoteConsistency.needsReason(newNetUnitMinor: 9_000, currency: "USD", earlier: earlier, on: today))
        let expired = QuoteConsistency.Earlier(netUnitMinor: 9_000, currency: "EUR", validUntil: CalendarDate("2026-11-24"))
        #expect(!QuoteConsistency.needsReason(newNetUnitMinor: 8_500, currency: "EUR", earlier: expired, on: today))
        #expect(!QuoteConsistency.needsReason(newNetUnitMinor: 8_500, currency: "EUR", earlier: nil, on: today))
        #expect(QuoteConsistency.itemKey(productID: nil, description: "  Installation   Day ") == "text:installation day")
    }
}
