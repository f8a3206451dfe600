import Foundation

/// A telephone number in E.164 form (`+37061234567`), with an extension kept apart.
/// People write numbers in many ways; lookups only work if all of them become the same string.
public struct PhoneNumber: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// `+` followed by 8–15 digits.
    public let e164: String
    public let countryCode: String
    public let `extension`: String?

    public var description: String { e164 + (self.extension.map { " ext. " + $0 } ?? "") }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case invalidCharacters
        case unknownDefaultCountry(String)
        case unknownCountryCode
        case tooShort
        case tooLong

        /// Phrased to follow a field name: "phone must …".
        public var description: String {
            switch self {
            case .empty: "must not be empty"
            case .invalidCharacters: "may only contain digits, spaces, + ( ) - . / and an extension such as \"ext. 12\""
            case let .unknownDefaultCountry(country): "has no country code and the default country \(country) is not known"
            case .unknownCountryCode: "does not start with a known country code"
            case .tooShort: "is too short to be a telephone number"
            case .tooLong: "is too long: international numbers have at most 15 digits"
            }
        }
    }

    /// Parses `raw` as written by a person; numbers without a country code belong to `defaultCountry` (ISO 3166 alpha-2).
    /// A caller id as telephone systems and click-to-dial send it (`tel:+370-612-34526`, `sip:+37061234526@pbx;user=phone`)
    /// is read for the number it carries.
    public init(_ raw: String, defaultCountry: String) throws(Problem) {
        var text = Self.unwrappingURI(raw.trimmingWhitespace())
        guard !text.isEmpty else { throw .empty }

        var ext: String?
        if let split = Self.splitExtension(text) {
            text = split.number
            ext = split.extension
        }

        // "+49 (0)30 …" shows the trunk prefix for local callers; it is not part of the international number.
        if text.hasPrefix("+") || text.hasPrefix("00"), text.contains("(") {
            text = text.replacingOccurrences(of: "(0)", with: "")
        }

        var digits = ""
        var sawPlus = false
        for character in text {
            switch character {
            case "0"..."9":
                digits.append(character)
            case "+" where digits.isEmpty && !sawPlus:
                sawPlus = true
            case _ where Self.plainSeparators.contains(character):
                continue
            default:
                throw .invalidCharacters
            }
        }
        guard !digits.isEmpty else { throw .invalidCharacters }

        var international: Substring
        if sawPlus {
            international = Substring(digits)
        } else if digits.hasPrefix("00") {
            international = digits.dropFirst(2)
        } else if digits.hasPrefix("011"), defaultCountry == "US" || defaultCountry == "CA" {
            international = digits.dropFirst(3)
        } else {
            let country = defaultCountry.uppercased()
            guard let code = CountryCallingCodes.byCountry[country] else { throw .unknownDefaultCountry(country) }
            var national = Substring(digits)
            if code == "1", national.count == 11, national.hasPrefix("1") {
                national = national.dropFirst()
            } else if let trunk = CountryCallingCodes.trunkPrefixes(for: country).first(where: { national.hasPrefix($0) }) {
                national = national.dropFirst(trunk.count)
            }
            international = Substring(code) + national
        }

        guard let code = CountryCallingCodes.code(startingDigits: international) else {
            throw international.count < 4 ? .tooShort : .unknownCountryCode
        }
        guard international.count <= 15 else { throw .tooLong }
        // The shortest real subscriber numbers (some Pacific islands) give 7 digits in all; most are far longer.
        guard international.count - code.count >= 5, international.count >= 7 else { throw .tooShort }

        e164 = "+" + international
        countryCode = code
        self.extension = ext
    }

    /// The number a `tel:` (RFC 3966) or `sip:`/`sips:` (RFC 3261, its user part) URI carries, possibly in angle
    /// brackets after a display name (`"Ona" <sip:…>`), with `;ext=` as an extension; `%2B` stands for `+`. A local
    /// number with a global `;phone-context=+370` gets that prefix unless it starts with a trunk 0 (then the default
    /// country reads it). Text that is no such URI comes back as it was.
    static func unwrappingURI(_ text: String) -> String {
        var value = Substring(text)
        if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
            value = value[value.index(after: open)..<close]
        }
        let lower = value.lowercased()
        guard let scheme = ["tel:", "sips:", "sip:"].first(where: { lower.hasPrefix($0) }) else { return text }
        var rest = value.dropFirst(scheme.count)
        if scheme != "tel:" { rest = rest.prefix { $0 != "@" } }
        let parts = rest.split(separator: ";", omittingEmptySubsequences: false)
        var number = String(parts.first ?? "")
        number = number.removingPercentEncoding ?? number
        var ext: String?
        var context: String?
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "ext": ext = pair[1]
            case "phone-context": context = pair[1]
            default: continue
            }
        }
        if !number.hasPrefix("+"), let context, context.hasPrefix("+"), !number.hasPrefix("0") { number = context + number }
        return number + (ext.map { " ext. " + $0 } ?? "")
    }

    /// What people put between the digits of a number.
    private static let plainSeparators: Set<Character> = [" ", "-", ".", "(", ")", "/", "\u{00A0}", "\u{2010}", "\u{2011}", "\u{2013}"]

    private static func splitExtension(_ text: String) -> (number: String, extension: String)? {
        // Most numbers hold only digits and separators, so there is no marker to look for (and searching is slow).
        guard !text.allSatisfy({ $0.isASCIIDigit || $0 == "+" || plainSeparators.contains($0) }) else { return nil }
        let lower = text.lowercased()
        for marker in ["extension", "ext.", "ext", "x", "#", ";ext=", ",", "доб."] {
            guard let range = lower.range(of: marker, options: .backwards) else { continue }
            let tail = lower[range.upperBound...].trimmingWhitespace()
            let head = String(text[..<text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: range.lowerBound))])
            guard !tail.isEmpty, tail.count <= 6, tail.allSatisfy(\.isASCIIDigit), !head.trimmingWhitespace().isEmpty else { continue }
            return (head, tail)
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        if first?.isWhitespace != true, last?.isWhitespace != true { return String(self) }
        return String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
