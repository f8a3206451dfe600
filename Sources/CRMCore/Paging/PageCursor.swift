import Foundation

/// The position after the last row of a page, handed to clients as an opaque string.
/// It carries the sort key and the id of that row, so the next page starts after it
/// with an indexed range query instead of an OFFSET that slows down as it grows.
public struct PageCursor: Codable, Equatable, Sendable {
    public var key: String
    public var id: String

    public init(key: String, id: String) {
        self.key = key
        self.id = id
    }

    public var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init?(encoded: String) {
        var base64 = encoded
            .replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
              let cursor = try? JSONDecoder().decode(PageCursor.self, from: data) else { return nil }
        self = cursor
    }
}

/// The `limit` a list request may ask for.
public enum PageLimit {
    public static let `default` = 50
    public static let maximum = 200
}
