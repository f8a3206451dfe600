import Foundation

/// Shows a stored UTC time in the reader's time zone, keeping the exact instant in the markup.
enum DateText {
    static func node(_ date: Date?, timeZone: String) -> Node {
        guard let date else { return .text("—") }
        return .time(.datetime(date.formatted(.iso8601))) { .text(format(date, timeZone: timeZone)) }
    }

    static func format(_ date: Date, timeZone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
