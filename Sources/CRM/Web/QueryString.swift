import Foundation

/// Links with a query string, each value percent-encoded; empty values are left out.
enum QueryString {
    static func link(_ path: String, _ items: KeyValuePairs<String, String?>) -> String {
        let pairs = items.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return key + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }
}
