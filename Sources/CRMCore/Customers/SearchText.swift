import Foundation

/// Turns names, emails and numbers into the form the search index stores and queries use,
/// so "Zemaite" finds "Žemaitė" and "+370 612" finds "+37061234567".
public enum SearchText {
    /// Lower-cased; Latin letters lose their accents. Other scripts keep every mark, because in
    /// Tamil or Devanagari a vowel sign changes the word, not just its look.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasLatin = false
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark, previousWasLatin {
                continue
            }
            if let replacement = latinLetters[scalar] {
                out.append(contentsOf: replacement.unicodeScalars)
                previousWasLatin = true
                continue
            }
            previousWasLatin = isLatin(scalar)
            out.append(scalar)
        }
        return String(out).precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Letters that do not decompose into a base letter and an accent.
    private static let latinLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h",
    ]

    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: true
        default: false
        }
    }

    /// The terms stored for a name: the whole name and each of its words, so a query may match
    /// a given name, a family name or the full name, and whole words rank above parts of words.
    public static func nameTerms(_ name: String) -> [String] {
        let whole = fold(name)
        guard !whole.isEmpty else { return [] }
        let words = whole.split(separator: " ").map(String.init)
        return Array(Set([whole] + words)).sorted()
    }

    /// A query that looks like a telephone number is matched on its digits alone.
    public static func phoneDigits(ofQuery query: String) -> String? {
        let digits = query.filter(\.isASCIIDigit)
        let allowed = query.allSatisfy { $0.isASCIIDigit || " +-().".contains($0) }
        return allowed && digits.count >= 3 ? digits : nil
    }

    /// Escapes `%`, `_` and `\` for use in a LIKE pattern with `ESCAPE '\'`.
    public static func likeEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Ranks a match the way people expect: the exact term, then a term that starts with the query, then the rest.
    public enum Rank: Int, Comparable, Sendable {
        case exact = 0, prefix = 1, substring = 2
        public static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
    }
}
