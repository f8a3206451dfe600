import Foundation

/// Query strings for links, each value percent-encoded; empty values are left out.
enum QueryString {
    static func link(_ path: String, _ items: KeyValuePairs<String, String?>) -> String {
        let query = encode(items.map { ($0.key, $0.value) })
        return query.isEmpty ? path : path + "?" + query
    }

    /// A page's filters (its `pageQuery`) for a link to the same selection elsewhere, e.g. its CSV; keys sorted.
    static func encode(_ query: [String: String]) -> String {
        encode(query.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value)) })
    }

    private static func encode(_ items: [(String, String?)]) -> String {
        items.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return key + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
        }.joined(separator: "&")
    }
}
