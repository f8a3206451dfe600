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

/// One row of the search index: a folded term and how it may be matched.
public struct SearchEntry: Hashable, Sendable {
    public enum Kind: Int, Sendable, Comparable {
        /// A whole name, email or number: matched exactly, by prefix and anywhere inside (substring index).
        case whole = 0
        /// A word of a name or another writing of a number: matched exactly and by prefix.
        case word = 1
        /// The end of a word in a script written without spaces (Chinese, Japanese, Korean), so that
        /// "明" finds "王小明" even though the query is shorter than the substring index's three characters.
        case tail = 2

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public let term: String
    public let kind: Kind

    public init(_ term: String, _ kind: Kind) {
        self.term = term
        self.kind = kind
    }
}

extension SearchText {
    /// The index entries of a record: its name whole and by word (plus other names such as given and family
    /// name, by word), and its emails and numbers whole (found by any part through the substring index).
    public static func entries(name: String, otherNames: [String] = [], values: [String] = []) -> [SearchEntry] {
        var best: [String: SearchEntry.Kind] = [:]
        func add(_ term: String, _ kind: SearchEntry.Kind) {
            guard !term.isEmpty else { return }
            best[term] = min(best[term] ?? kind, kind)
        }
        let whole = fold(name)
        add(whole, .whole)
        for other in otherNames { for term in nameTerms(other) { add(term, .word) } }
        for word in whole.split(separator: " ").map(String.init) {
            add(word, .word)
            for tail in tails(of: word) { add(tail, .tail) }
        }
        for value in values { add(value, .whole) }
        return best.map { SearchEntry($0.key, $0.value) }.sorted { ($0.term, $0.kind) < ($1.term, $1.kind) }
    }

    /// The shorter endings of a word that starts in a spaceless script, at most 16 characters in.
    static func tails(of word: String) -> [String] {
        guard let first = word.unicodeScalars.first, isSpaceless(first) else { return [] }
        var tails: [String] = []
        var rest = Substring(word).dropFirst()
        while let next = rest.first, tails.count < 16 {
            if next.unicodeScalars.first.map(isSpaceless) == true { tails.append(String(rest)) }
            rest = rest.dropFirst()
        }
        return tails
    }

    private static func isSpaceless(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }

    /// Queries of fewer characters than this cannot use the substring index (trigrams).
    public static let substringMinimum = 3

    /// The smallest string greater than every string that starts with `prefix`, in code point (byte) order:
    /// `term >= prefix AND term < upperBound(prefix)` is a prefix match an ordinary index answers.
    public static func upperBound(ofPrefix prefix: String) -> String {
        prefix + "\u{10FFFF}"
    }
}
