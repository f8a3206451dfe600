import Testing
@testable import CRMCore

@Suite struct MinorUnitsTests {
    @Test(arguments: [
        ("1250.50", "EUR", Int64(125_050)), ("1 250,50", "EUR", 125_050), ("1,250.5", "USD", 125_050), ("1.250.000", "EUR", 125_000_000),
        ("12", "EUR", 1_200), ("0,99", "EUR", 99), ("1500", "JPY", 1_500), ("1.500", "JPY", 1_500), ("2.125", "KWD", 2_125), ("1'000.00", "CHF", 100_000), ("12,50,000", "INR", 125_000_000),
    ])
    func typedAmountsBecomeMinorUnits(text: String, currency: String, minor: Int64) {
        #expect(MinorUnits.parse(text, currency: currency) == minor)
    }

    @Test(arguments: ["", "abc", "12.345x", "-5", "1.2.3,456"])
    func otherTextIsRejected(text: String) {
        #expect(MinorUnits.parse(text, currency: "EUR") == nil)
    }

    @Test func plainTextGoesBackIntoAForm() {
        #expect(MinorUnits.plain(125_050, currency: "EUR") == "1250.50")
        #expect(MinorUnits.plain(5, currency: "EUR") == "0.05")
        #expect(MinorUnits.plain(1_500, currency: "JPY") == "1500")
        #expect(MinorUnits.plain(2_125, currency: "KWD") == "2.125")
        #expect(MinorUnits.parse(MinorUnits.plain(987_654_321, currency: "EUR"), currency: "EUR") == 987_654_321)
        #expect(MinorUnits.wholeUnits(125_099, currency: "EUR") == 1_250)
        #expect(MinorUnits.wholeUnits(1_500, currency: "JPY") == 1_500)
    }

    @Test func shownMoneyIsGroupedInThousandsWithItsCurrency() {
        #expect(MinorUnits.display(12_064_250, currency: "EUR") == "120,642.50 EUR")
        #expect(MinorUnits.display(5, currency: "EUR") == "0.05 EUR")
        #expect(MinorUnits.display(-123_456_789, currency: "EUR") == "-1,234,567.89 EUR")
        #expect(MinorUnits.grouped(1_500_000, currency: "JPY") == "1,500,000")
        #expect(MinorUnits.grouped(99_900, currency: "EUR") == "999.00")
        #expect(MinorUnits.grouped(100_000, currency: "EUR") == "1,000.00")
    }
}
