import Foundation

/// When recurring work is due, as a five-field cron expression (`minute hour day-of-month month day-of-week`) read in a
/// stated time zone: `30 2 * * *` is 02:30 on the wall clock there, whatever the offset from UTC that day.
///
/// Fields take `*`, numbers, ranges `a-b`, lists `a,b` and steps `*/n` or `a-b/n`; day-of-week counts 0 (or 7) as
/// Sunday. `@hourly`, `@daily`, `@weekly` and `@monthly` are the usual shorthands. As in cron, when both day fields
/// are restricted a day matching either is due.
///
/// Daylight saving: a wall-clock time the clocks skip (02:30 on the night they go forward) fires at the first instant
/// after the gap; a time they repeat (01:30 on the night they go back) fires at its first occurrence only. So daily
/// work fires once a day across both changes.
public struct CronSchedule: Equatable, Sendable, CustomStringConvertible {
    public let minutes: Set<Int>
    public let hours: Set<Int>
    public let daysOfMonth: Set<Int>
    public let months: Set<Int>
    public let daysOfWeek: Set<Int>
    private let dayOfMonthRestricted: Bool
    private let dayOfWeekRestricted: Bool
    public let description: String

    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let expanded = switch trimmed {
        case "@hourly": "0 * * * *"
        case "@daily", "@midnight": "0 0 * * *"
        case "@weekly": "0 0 * * 0"
        case "@monthly": "0 0 1 * *"
        default: trimmed
        }
        let fields = expanded.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else {
            throw Invalid(description: "needs five fields (minute hour day-of-month month day-of-week), got \(fields.count)")
        }
        minutes = try Self.field(fields[0], "minute", 0...59)
        hours = try Self.field(fields[1], "hour", 0...23)
        daysOfMonth = try Self.field(fields[2], "day-of-month", 1...31)
        months = try Self.field(fields[3], "month", 1...12)
        daysOfWeek = Set(try Self.field(fields[4], "day-of-week", 0...7).map { $0 % 7 })
        dayOfMonthRestricted = !fields[2].hasPrefix("*")
        dayOfWeekRestricted = !fields[4].hasPrefix("*")
        description = trimmed
    }

    /// The first instant strictly after `date` when the schedule is due, in `timeZone`; nil if none within five years
    /// (`30 2 31 2 *`, the 31st of February).
    public func next(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.dateComponents([.year, .month, .day], from: date)
        guard var day = calendar.date(from: DateComponents(year: start.year, month: start.month, day: start.day, hour: 12)) else { return nil }
        let sortedHours = hours.sorted(), sortedMinutes = minutes.sorted()
        for _ in 0..<(366 * 5) {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday, months.contains(month),
               matchesDay(dayOfMonth: dayOfMonth, dayOfWeek: weekday - 1) {
                for hour in sortedHours {
                    for minute in sortedMinutes {
                        let wall = DateComponents(year: parts.year, month: month, day: dayOfMonth, hour: hour, minute: minute)
                        if let instant = Self.firstInstant(of: wall, in: calendar), instant > date { return instant }
                    }
                }
            }
            guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = following
        }
        return nil
    }

    private func matchesDay(dayOfMonth: Int, dayOfWeek: Int) -> Bool {
        switch (dayOfMonthRestricted, dayOfWeekRestricted) {
        case (true, true): daysOfMonth.contains(dayOfMonth) || daysOfWeek.contains(dayOfWeek)
        case (true, false): daysOfMonth.contains(dayOfMonth)
        case (false, true): daysOfWeek.contains(dayOfWeek)
        case (false, false): true
        }
    }

    /// The wall-clock time's first occurrence; a skipped one becomes the end of the gap. Worked out from the zone's
    /// offsets rather than `Calendar.date(from:)`, whose handling of skipped and repeated times differs by platform.
    private static func firstInstant(of wall: DateComponents, in calendar: Calendar) -> Date? {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        guard let asUTC = utc.date(from: wall), let day = wall.day else { return nil }
        // The offsets in force around this wall time: before and after any change that day.
        let offsets = Set([-36, -12, 0, 12, 36].map { hours in
            calendar.timeZone.secondsFromGMT(for: asUTC.addingTimeInterval(Double(hours) * 3_600))
        }).sorted(by: >)
        // The largest offset gives the earliest instant; keep the first instant that shows this very wall time.
        for offset in offsets {
            let instant = asUTC.addingTimeInterval(-Double(offset))
            let shown = calendar.dateComponents([.day, .hour, .minute], from: instant)
            if shown.day == day, shown.hour == wall.hour, shown.minute == wall.minute { return instant }
        }
        // Skipped by a change: the first instant after the gap, where the clock shows a later time the same night.
        let beforeGap = asUTC.addingTimeInterval(-Double(offsets.last ?? 0))
        let transition = calendar.timeZone.nextDaylightSavingTimeTransition(after: beforeGap.addingTimeInterval(-7_200))
        return transition
    }

    private static func field(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count) else { throw Invalid(description: "\(name) \"\(part)\" has more than one /") }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else { throw Invalid(description: "\(name) step \"\(pieces[1])\" is not a positive number") }
                step = parsed
            }
            let bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else {
                let ends = pieces[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
                guard (1...2).contains(ends.count), let low = ends.first ?? nil, let high = ends.last ?? nil, low <= high else {
                    throw Invalid(description: "\(name) \"\(part)\" is not a number, a range a-b or *")
                }
                guard range.contains(low), range.contains(high) else {
                    throw Invalid(description: "\(name) \"\(part)\" is outside \(range.lowerBound)–\(range.upperBound)")
                }
                // `5/15` means from 5 to the end in steps of 15, as in cron.
                bounds = pieces.count == 2 && ends.count == 1 ? low...range.upperBound : low...high
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }
}
