import CRMCore
import Foundation

/// Shows a stored UTC time in the reader's time zone, keeping the exact instant in the markup.
enum DateText {
    static func node(_ date: Date?, timeZone: String) -> Node {
        guard let date else { return .text("—") }
        return .time(.datetime(InstantText.iso8601(date))) { .text(format(date, timeZone: timeZone)) }
    }

    static func format(_ date: Date, timeZone: String) -> String {
        InstantText.local(date, in: TimeZone(identifier: timeZone) ?? .gmt)
    }
}
