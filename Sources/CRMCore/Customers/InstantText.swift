import Foundation

/// Instants as text by arithmetic: a `DateFormatter` costs more to make on Linux than a list row takes to render, and
/// every list, card and timeline writes a time per row.
public enum InstantText {
    /// `2026-12-01 14:05` on the wall clock of `timeZone`.
    public static func local(_ instant: Date, in timeZone: TimeZone) -> String {
        let (day, second) = split(instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant)))
        return day.description + " " + TaskDue.timeText(second / 60)
    }

    /// `2026-12-01T12:05:09Z`: ISO 8601 in UTC, whole seconds, as `Date.formatted(.iso8601)` writes it.
    public static func iso8601(_ instant: Date) -> String {
        let (day, second) = split(instant.timeIntervalSince1970)
        return day.description + "T" + TaskDue.timeText(second / 60) + ":" + CalendarDate.padded(second % 60, 2) + "Z"
    }

    private static func split(_ seconds: TimeInterval) -> (CalendarDate, Int) {
        let whole = Int(seconds.rounded(.down))
        let day = whole >= 0 ? whole / 86_400 : -((-whole + 86_399) / 86_400)
        return (CalendarDate(dayNumber: day), whole - day * 86_400)
    }
}
