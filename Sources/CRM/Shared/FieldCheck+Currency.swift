import Foundation

extension FieldCheck {
    /// Amounts are whole minor units and need a currency to mean anything.
    mutating func currency(_ raw: String?, amounts: [(String, Int64?)]) -> String? {
        for (field, amount) in amounts where (amount ?? 0) < 0 { fail(field, "must not be negative") }
        let currency = text(raw, "currency", max: 3)?.uppercased()
        if let currency, currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isLetter }) {
            fail("currency", "must be a three-letter ISO 4217 code such as EUR")
        }
        if currency == nil, amounts.contains(where: { $0.1 != nil }) {
            fail("currency", "is required when an amount is given")
        }
        return currency
    }
}
