import CRMCore
import Foundation
import Testing

@Suite struct MoneyTests {
    @Test func roundingIsHalfAwayFromZero() {
        #expect(Rounding.divide(25, by: 10) == 3)
        #expect(Rounding.divide(-25, by: 10) == -3)
        #expect(Rounding.divide(24, by: 10) == 2)
        #expect(Rounding.divide(-24, by: 10) == -2)
        #expect(Rounding.divide(15, by: 10_000) == 0)
        #expect(Rounding.divide(5_000, by: 10_000) == 1)
    }

    @Test func moneyAddsOnlyWithinOneCurrency() throws {
        #expect(try Money(minor: 1_050, currency: "eur").adding(Money(minor: 25, currency: "EUR")) == Money(minor: 1_075, currency: "EUR"))
        #expect(throws: Money.Problem.currencyMismatch("EUR", "USD")) { try Money(minor: 1, currency: "EUR").adding(Money(minor: 1, currency: "USD")) }
        #expect(throws: Money.Problem.overflow) { try Money(minor: .max, currency: "EUR").adding(Money(minor: 1, currency: "EUR")) }
        #expect(Money(minor: -125_050, currency: "EUR").description == "-1250.50 EUR")
    }

    @Test func conversionUsesTheRateAndBothCurrenciesDecimals() throws {
        let rate = try #require(CurrencyConversion.parseRate("0.9234"))
        // 100.05 USD × 0.9234 = 92.386170 EUR → 92.39
        #expect(CurrencyConversion.convert(Money(minor: 10_005, currency: "USD"), rate: rate, to: "EUR") == Money(minor: 9_239, currency: "EUR"))
        // 1,000 JPY (no decimals) × 0.0061 = 6.10 EUR
        #expect(CurrencyConversion.convert(Money(minor: 1_000, currency: "JPY"), rate: try #require(CurrencyConversion.parseRate("0.0061")), to: "EUR")
                == Money(minor: 610, currency: "EUR"))
        // 12.345 KWD (three decimals) × 3 = 37.035 EUR → 37.04 (half away from zero), and refunds round the same way
        #expect(CurrencyConversion.convert(Money(minor: 12_345, currency: "KWD"), rate: 3, to: "EUR") == Money(minor: 3_704, currency: "EUR"))
        #expect(CurrencyConversion.convert(Money(minor: -12_345, currency: "KWD"), rate: 3, to: "EUR") == Money(minor: -3_704, currency: "EUR"))
        #expect(CurrencyConversion.convert(Money(minor: 700, currency: "EUR"), rate: 5, to: "EUR") == Money(minor: 700, currency: "EUR"))
        for bad in ["", "0", "-1", "1,5", "abc", "1.2.3", "0.0000000000001"] { #expect(CurrencyConversion.parseRate(bad) == nil, "\(bad)") }
    }

    @Test func calendarDayArithmetic() throws {
        let day = try #require(CalendarDate("2024-02-28"))
        #expect(day.adding(days: 1).description == "2024-02-29")
        #expect(day.adding(days: 2).description == "2024-03-01")
        #expect(day.adding(days: -59).description == "2023-12-31")
        #expect(try #require(CalendarDate("1970-01-01")).dayNumber == 0)
        #expect(day.days(until: try #require(CalendarDate("2025-02-28"))) == 366)
        #expect(day.monthKey == "2024-02")
    }
}

@Suite struct LineAndMarginTests {
    @Test func lineRevenueTakesTheDiscountOnceAndRounds() throws {
        // 3 × 19.99 = 59.97, less 12.5 % = 52.47375 → 52.47
        let line = try LineFigures(quantity: 3, unitPriceMinor: 1_999, discountBasisPoints: 1_250, unitCostMinor: 1_200)
        #expect(line.revenueMinor == 5_247)
        #expect(line.costMinor == 3_600)
        #expect(line.profitMinor == 1_647)
        // 1 × 0.05 less 50 % = 0.025 → 0.03
        #expect(try LineFigures(quantity: 1, unitPriceMinor: 5, discountBasisPoints: 5_000, unitCostMinor: 0).revenueMinor == 3)
        #expect(try LineFigures(quantity: 2, unitPriceMinor: 1_000, discountBasisPoints: 10_000, unitCostMinor: 400).profitMinor == -800)
    }

    @Test func badLinesAreRefused() {
        #expect(throws: LineFigures.Problem.quantity) { try LineFigures(quantity: 0, unitPriceMinor: 1, unitCostMinor: 1) }
        #expect(throws: LineFigures.Problem.price) { try LineFigures(quantity: 1, unitPriceMinor: -1, unitCostMinor: 1) }
        #expect(throws: LineFigures.Problem.discount) { try LineFigures(quantity: 1, unitPriceMinor: 1, discountBasisPoints: 10_001, unitCostMinor: 1) }
        #expect(throws: LineFigures.Problem.overflow) { try LineFigures(quantity: .max, unitPriceMinor: 2, unitCostMinor: 1) }
    }

    @Test func marginAndItsText() {
        #expect(Margin.basisPoints(priceMinor: 10_000, costMinor: 6_000) == 4_000)
        #expect(Margin.basisPoints(priceMinor: 3_000, costMinor: 2_000) == 3_333)
        #expect(Margin.basisPoints(priceMinor: 1_000, costMinor: 1_500) == -5_000)
        #expect(Margin.basisPoints(priceMinor: 0, costMinor: 100) == nil)
        #expect(Margin.percentText(3_333) == "33.3 %")
        #expect(Margin.percentText(-5_000) == "-50.0 %")
    }
}

@Suite struct MarginTierTests {
    @Test func tiersAndCommissions() throws {
        let tiers = MarginTiers.standard
        #expect(tiers.tier(forMargin: 4_000).code == "A")
        #expect(tiers.tier(forMargin: 3_999).code == "B")
        #expect(tiers.tier(forMargin: 2_000).code == "B")
        #expect(tiers.tier(forMargin: -9_000).code == "C")
        #expect(tiers.tier(forMargin: nil).code == "C")
        // 8 % of 123.45 = 9.876 → 9.88; 2 % of a loss-making line's revenue still pays the C rate
        #expect(tiers.commissionMinor(revenueMinor: 12_345, marginBasisPoints: 4_500) == 988)
        #expect(tiers.commissionMinor(revenueMinor: 10_000, marginBasisPoints: -100) == 200)
    }

    @Test func adminTiersAreChecked() {
        #expect(throws: MarginTiers.Problem.empty) { try MarginTiers([]) }
        #expect(throws: MarginTiers.Problem.notDescending) {
            try MarginTiers([MarginTier(code: "A", minimumBasisPoints: 2_000, commissionBasisPoints: 1), MarginTier(code: "B", minimumBasisPoints: 3_000, commissionBasisPoints: 1),
                             MarginTier(code: "C", minimumBasisPoints: 0, commissionBasisPoints: 1)])
        }
        #expect(throws: MarginTiers.Problem.duplicateCode("A")) {
            try MarginTiers([MarginTier(code: "A", minimumBasisPoints: 2_000, commissionBasisPoints: 1), MarginTier(code: "A", minimumBasisPoints: 0, commissionBasisPoints: 1)])
        }
        #expect(throws: MarginTiers.Problem.commission("A")) { try MarginTiers([MarginTier(code: "A", minimumBasisPoints: 0, commissionBasisPoints: 10_001)]) }
    }
}

@Suite struct ProfitTierTests {
    @Test func paretoSharesMakeTheTiers() {
        // Total 1,000: X makes 50 %, Y brings it to 80 % (crosses nothing: A ends at 80 %), Z to 90 %, W to 100 %.
        let tiers = ProfitTiers.assign([("W", 100), ("X", 500), ("Y", 300), ("Z", 100)].map { (key: $0.0, profitMinor: Int64($0.1)) },
                                       aPercent: 80, bPercent: 15)
        #expect(tiers["X"] == .a)
        #expect(tiers["Y"] == .a)
        // Z and W tie at 100: Z is B (80 % before it), and W shares its tier.
        #expect(tiers["Z"] == .b)
        #expect(tiers["W"] == .b)
    }

    @Test func theCustomerCrossingTheLineIsInTheBetterTier() {
        let tiers = ProfitTiers.assign([(key: 1, profitMinor: Int64(700)), (key: 2, profitMinor: 200), (key: 3, profitMinor: 60), (key: 4, profitMinor: 40)],
                                       aPercent: 80, bPercent: 15)
        #expect(tiers == [1: .a, 2: .a, 3: .b, 4: .c])
    }

    @Test func lossesNoOrdersAndNoProfitAtAll() {
        let tiers = ProfitTiers.assign([(key: "loss", profitMinor: Int64(-500)), (key: "none", profitMinor: 0), (key: "win", profitMinor: 10)],
                                       aPercent: 80, bPercent: 15)
        #expect(tiers == ["loss": .c, "none": .c, "win": .a])
        #expect(ProfitTiers.assign([(key: "a", profitMinor: Int64(-1)), (key: "b", profitMinor: 0)], aPercent: 80, bPercent: 15) == ["a": .c, "b": .c])
        #expect(ProfitTiers.assign([(key: String, profitMinor: Int64)](), aPercent: 80, bPercent: 15).isEmpty)
        #expect(throws: ProfitTiers.Problem.self) { try ProfitTiers.validate(aPercent: 90, bPercent: 20) }
        #expect(throws: ProfitTiers.Problem.self) { try ProfitTiers.validate(aPercent: 0, bPercent: 20) }
    }
}

@Suite struct OrderStatusAndPaymentTests {
    @Test func statusRules() {
        #expect(OrderStatus.draft.canMove(to: .confirmed))
        #expect(!OrderStatus.draft.canMove(to: .shipped))
        #expect(OrderStatus.confirmed.canMove(to: .shipped))
        #expect(!OrderStatus.shipped.canMove(to: .cancelled), "shipped goods come back as a credit note, not a cancellation")
        #expect(OrderStatus.delivered.next.isEmpty && OrderStatus.cancelled.next.isEmpty)
        #expect(OrderStatus.allCases.filter(\.isOpen) == [.confirmed, .inProduction, .shipped])
        #expect(OrderStatus.allCases.filter(\.counts) == [.confirmed, .inProduction, .shipped, .delivered])
    }

    @Test func purchaseCycle() throws {
        func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }
        let cycle = try #require(PurchaseCycle(orders: 4, first: try day("2026-01-10"), last: try day("2026-04-10")))
        #expect(cycle.averageDays == 30, "90 days over three gaps")
        #expect(cycle.expectedNext.description == "2026-05-10")
        #expect(PurchaseCycle(orders: 1, first: try day("2026-01-10"), last: try day("2026-01-10")) == nil, "one order has no cycle")
        #expect(PurchaseCycle(orders: 3, first: try day("2026-01-10"), last: try day("2026-01-10"))?.averageDays == 0)
    }
}
