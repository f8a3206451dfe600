import CRMCore
import Testing

@Suite struct RateBookTests {
    let book = RateBook(base: "EUR", rates: [
        .init(currency: "USD", validFrom: "2026-01-01", text: "0.90"), .init(currency: "USD", validFrom: "2026-07-01", text: "0.80"),
        .init(currency: "JPY", validFrom: "2026-01-01", text: "0.0062"), .init(currency: "GBP", validFrom: "2026-01-01", text: "nonsense"),
    ])

    @Test func theRateOfTheDayIsTheLatestRecordedOnOrBeforeIt() {
        #expect(book.rate(for: "usd", on: "2026-06-30")?.text == "0.90")
        #expect(book.rate(for: "USD", on: "2026-07-01")?.text == "0.80")
        #expect(book.convert(10_000, "USD", on: "2026-03-01") == 9_000)
        #expect(book.convert(10_000, "USD", on: "2026-08-01") == 8_000)
        #expect(book.convert(100_000, "JPY", on: "2026-08-01") == 62_000, "yen have no minor units: ¥100,000 is 620.00 EUR")
        #expect(book.convert(12_345, "EUR", on: "2020-01-01") == 12_345)
    }

    @Test func withoutAValidRateNothingIsConverted() {
        #expect(book.convert(10_000, "USD", on: "2025-12-31") == nil, "before the first rate")
        #expect(book.convert(10_000, "GBP", on: "2026-08-01") == nil, "an unreadable rate is no rate")
        #expect(book.convert(10_000, "CHF", on: "2026-08-01") == nil)
    }
}
