import Foundation

/// When a task is due, as its assignee wrote it: a day in their time zone, with a time of day or without one (all day).
/// Stored with the instant it stands for, so lists sort and reminders fire without a zone per row.
public struct TaskDue: Equatable, Sendable {
    public let day: CalendarDate
    /// Minutes after midnight, nil for an all-day task.
    public let minuteOfDay: Int?
    public let timeZone: TimeZone

    /// An all-day task counts as due at this time of its day, for ordering and the morning reminder.
    public static let allDayMinute = 9 * 60

    public init(day: CalendarDate, minuteOfDay: Int?, timeZone: TimeZone) {
        self.day = day
        self.minuteOfDay = minuteOfDay
        self.timeZone = timeZone
    }

    /// Reads `HH:MM` (24-hour); nil when it is not one.
    public static func minute(parsing text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    public static func timeText(_ minute: Int) -> String { CalendarDate.padded(minute / 60, 2) + ":" + CalendarDate.padded(minute % 60, 2) }

    /// The instant it stands for; a time the clocks skip that night counts from the change.
    public var instant: Date {
        Self.instant(day: day, minute: minuteOfDay ?? Self.allDayMinute, in: timeZone)
    }

    /// Where a task falls for someone looking at it at `now` in `timeZone`: an all-day task is overdue only once its
    /// day has passed there; a timed one as soon as its time has. Read from the instant alone (an all-day task's
    /// instant is nine in the morning of its day), so a database answers the same from an index on it.
    public enum Bucket: String, Sendable, CaseIterable {
        case overdue, today, upcoming
    }

    /// The instants that bound the buckets: the start of today, of tomorrow, and of the day after the coming week.
    public struct Bounds: Sendable, Equatable {
        public let today: CalendarDate
        public let startOfToday: Date
        public let startOfTomorrow: Date
        public let endOfWeek: Date

        public init(now: Date, in timeZone: TimeZone, days: Int = 7) {
            today = TaskDue.day(of: now, in: timeZone)
            startOfToday = TaskDue.startOfDay(today, in: timeZone)
            startOfTomorrow = TaskDue.startOfDay(today.adding(days: 1), in: timeZone)
            endOfWeek = TaskDue.startOfDay(today.adding(days: days + 1), in: timeZone)
        }
    }

    public static func bucket(dueAt: Date, allDay: Bool, now: Date, bounds: Bounds) -> Bucket {
        if dueAt < bounds.startOfToday || (!allDay && dueAt < now) { return .overdue }
        return dueAt < bounds.startOfTomorrow ? .today : .upcoming
    }

    /// The calendar day of an instant in a time zone.
    public static func day(of instant: Date, in timeZone: TimeZone) -> CalendarDate {
        let local = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        return CalendarDate(dayNumber: Int((local / 86_400).rounded(.down)))
    }

    /// Midnight starting a day in a time zone (the first instant of the day where midnight is skipped).
    public static func startOfDay(_ day: CalendarDate, in timeZone: TimeZone) -> Date {
        instant(day: day, minute: 0, in: timeZone)
    }

    /// The instant a wall-clock minute of a day stands for in a time zone; a time the clocks skip counts from the change.
    public static func instant(day: CalendarDate, minute: Int, in timeZone: TimeZone) -> Date {
        let asUTC = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + Double(minute) * 60)
        // The offset in force at that wall time: try the offsets around it and keep the first that reads back.
        for probe in [-12.0, 0, 12] {
            let offset = Double(timeZone.secondsFromGMT(for: asUTC.addingTimeInterval(probe * 3_600)))
            let candidate = asUTC.addingTimeInterval(-offset)
            if Double(timeZone.secondsFromGMT(for: candidate)) == offset { return candidate }
        }
        return asUTC.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: asUTC)))
    }
}
