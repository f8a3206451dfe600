import Foundation

/// An email address as the CRM stores it: trimmed and lower-cased, so that lookups match however it was typed.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public var description: String { value }

    /// A deliberately plain check (one @, a dotted domain, no spaces): strict RFC 5322 parsing
    /// rejects addresses people really use and accepts ones no mail server delivers.
    public init?(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard trimmed.count <= 254, parts.count == 2 else { return nil }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return nil }
        guard !trimmed.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }) else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else { return nil }
        value = trimmed
    }
}
