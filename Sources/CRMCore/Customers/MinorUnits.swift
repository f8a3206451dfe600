import Foundation

/// Amounts as people type them ("1 250,50") and as the CRM stores them (125050 minor units).
public enum MinorUnits {
    /// ISO 4217 exponents that differ from the usual 2.
    static let exponents: [String: Int] = [
        "JPY": 0, "KRW": 0, "CLP": 0, "ISK": 0, "VND": 0, "UGX": 0, "XAF": 0, "XOF": 0, "PYG": 0,
        "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3, "LYD": 3, "IQD": 3,
    ]

    public static func exponent(of currency: String) -> Int { exponents[currency.uppercased()] ?? 2 }

    /// `nil` for anything that is not a plain amount with at most the currency's decimals.
    public static func parse(_ text: String, currency: String) -> Int64? {
        parse(text, decimals: exponent(of: currency))
    }

    /// The same for any fixed number of decimals (a percentage with two: "12.5" → 1250 basis points).
    public static func parse(_ text: String, decimals exponent: Int) -> Int64? {
        let cleaned = text.filter { !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "'" }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," }) else { return nil }
        let separators = cleaned.filter { $0 == "." || $0 == "," }
        var whole = cleaned
        var fraction = ""
        // The last separator is the decimal one when it has at most `exponent` digits after it; others group thousands.
        if let last = cleaned.lastIndex(where: { $0 == "." || $0 == "," }) {
            let tail = cleaned[cleaned.index(after: last)...]
            if tail.count <= exponent, tail.count > 0 || separators.count == 1 {
                whole = String(cleaned[..<last])
                fraction = String(tail)
            }
        }
        // Grouped thousands end in a group of three; Indian lakh grouping (12,50,000) has twos before it.
        let groups = whole.split(separator: ".", omittingEmptySubsequences: false).flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        if groups.count > 1 {
            guard let first = groups.first, (1...3).contains(first.count), groups.last?.count == 3,
                  groups.dropFirst().dropLast().allSatisfy({ (2...3).contains($0.count) }) else { return nil }
        }
        whole = whole.filter(\.isASCIIDigit)
        guard !whole.isEmpty || !fraction.isEmpty, fraction.count <= exponent else { return nil }
        let digits = (whole.isEmpty ? "0" : whole) + fraction.padding(toLength: exponent, withPad: "0", startingAt: 0)
        return Int64(digits)
    }

    /// "1250.50" for 125050 EUR: plain, so it goes back into a form unchanged.
    public static func plain(_ minor: Int64, currency: String) -> String {
        plain(minor, decimals: exponent(of: currency))
    }

    /// The same for any fixed number of decimals (1250 basis points → "12.50" %).
    public static func plain(_ minor: Int64, decimals exponent: Int) -> String {
        guard exponent > 0 else { return String(minor) }
        let sign = minor < 0 ? "-" : ""
        let magnitude = minor.magnitude
        var divisor: UInt64 = 1
        for _ in 0..<exponent { divisor *= 10 }
        let fraction = String(magnitude % divisor)
        return "\(sign)\(magnitude / divisor).\(String(repeating: "0", count: exponent - fraction.count))\(fraction)"
    }

    /// Money as people read it: thousands grouped and the currency after, "120,642.50 EUR". English separators for
    /// now; other languages bring their own.
    public static func display(_ minor: Int64, currency: String) -> String {
        grouped(minor, currency: currency) + " " + currency
    }

    /// The amount alone, grouped: "120,642.50", where the currency is said once for a whole column.
    public static func grouped(_ minor: Int64, currency: String) -> String {
        let text = plain(minor, currency: currency)
        let sign = text.hasPrefix("-") ? "-" : ""
        let unsigned = text.dropFirst(sign.count)
        let whole = unsigned.prefix { $0 != "." }
        let fraction = unsigned.dropFirst(whole.count)
        var groups: [Substring] = []
        var end = whole.endIndex
        while end > whole.startIndex {
            let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
            groups.insert(whole[start..<end], at: 0)
            end = start
        }
        return sign + groups.joined(separator: ",") + fraction
    }

    /// Whole major units, dropping the fraction: chart axes do not need cents.
    public static func wholeUnits(_ minor: Int64, currency: String) -> Int64 {
        var divisor: Int64 = 1
        for _ in 0..<exponent(of: currency) { divisor *= 10 }
        return minor / divisor
    }
}
