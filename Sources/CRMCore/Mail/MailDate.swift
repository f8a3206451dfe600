import Foundation

/// Dates as RFC 5322 writes them (`Tue, 24 Nov 2026 10:15:00 +0100`), with the obsolete zone names and the
/// variations real clients send (no weekday, no seconds, two-digit years, a trailing `(CET)` comment).
public enum MailDate {
    public static func parse(_ raw: String?) -> Date? {
        guard var text = raw?.trimmingSpaces() else { return nil }
        if let comma = text.firstIndex(of: ",") { text = text[text.index(after: comma)...] }
        if let comment = text.firstIndex(of: "(") { text = text[..<comment] }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 4, let day = Int(parts[0]), let month = months[parts[1].prefix(3).lowercased()],
              var year = Int(parts[2]) else { return nil }
        if year < 50 { year += 2000 } else if year < 100 { year += 1900 }
        let time = parts[3].split(separator: ":").map { Int($0) }
        guard time.count >= 2, time.allSatisfy({ $0 != nil }) else { return nil }
        let offset = parts.count > 4 ? zoneOffset(String(parts[4])) : 0
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (time[0], time[1], time.count > 2 ? time[2] : 0)
        components.timeZone = TimeZone(secondsFromGMT: 0)
        guard let hour = components.hour, let minute = components.minute, let second = components.second,
              (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              let local = utc.date(from: components) else { return nil }
        return local.addingTimeInterval(TimeInterval(-(offset ?? 0)))
    }

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// Seconds east of UTC; unknown names count as UTC, as RFC 5322 says of military zones.
    private static func zoneOffset(_ zone: String) -> Int? {
        if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
            let seconds = (value / 100) * 3_600 + (value % 100) * 60
            return sign == "-" ? -seconds : seconds
        }
        let named = ["UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7]
        return named[zone.uppercased()].map { $0 * 3_600 } ?? 0
    }
}
