import Foundation

/// The working time of a service team: hours per weekday, holidays, in one time zone. SLA targets are counted in
/// this time, so a complaint that arrives on Friday evening is not late on Saturday morning.
public struct BusinessCalendar: Sendable, Equatable {
    /// A span of a working day, in minutes after local midnight (`end` may be 1,440: until midnight).
    public struct Span: Sendable, Equatable, Codable {
        public let start: Int
        public let end: Int

        public init?(start: Int, end: Int) {
            guard 0 <= start, start < end, end <= 1_440 else { return nil }
            (self.start, self.end) = (start, end)
        }

        /// Reads `09:00-17:30`; `24:00` may end a span.
        public init?(parsing text: String) {
            let ends = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let start = TaskDue.minute(parsing: ends[0]),
                  let end = ends[1] == "24:00" ? 1_440 : TaskDue.minute(parsing: ends[1]) else { return nil }
            self.init(start: start, end: end)
        }

        public var description: String { TaskDue.timeText(start) + "-" + (end == 1_440 ? "24:00" : TaskDue.timeText(end)) }
    }

    public let timeZone: TimeZone
    /// Working spans per ISO weekday (1 = Monday … 7 = Sunday), in order and not overlapping.
    public let week: [Int: [Span]]
    public let holidays: Set<CalendarDate>

    public init(timeZone: TimeZone, week: [Int: [Span]], holidays: Set<CalendarDate> = []) {
        self.timeZone = timeZone
        self.week = week.mapValues { spans in
            // Sorted and merged, so the sums below never count a minute twice.
            var merged: [Span] = []
            for span in spans.sorted(by: { $0.start < $1.start }) {
                if let last = merged.last, span.start <= last.end {
                    merged[merged.count - 1] = Span(start: last.start, end: max(last.end, span.end))!
                } else {
                    merged.append(span)
                }
            }
            return merged
        }
        self.holidays = holidays
    }

    /// Monday to Friday, 09:00–17:00.
    public static func officeHours(in timeZone: TimeZone, holidays: Set<CalendarDate> = []) -> BusinessCalendar {
        let day = [Span(start: 9 * 60, end: 17 * 60)!]
        return BusinessCalendar(timeZone: timeZone, week: [1: day, 2: day, 3: day, 4: day, 5: day], holidays: holidays)
    }

    /// Around the clock, every day: for targets that do not wait for office hours.
    public static func allHours(in timeZone: TimeZone) -> BusinessCalendar {
        let day = [Span(start: 0, end: 1_440)!]
        return BusinessCalendar(timeZone: timeZone, week: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, day) }))
    }

    public var hasWorkingTime: Bool { week.values.contains { !$0.isEmpty } }

    /// The working intervals of one local day as instants; a day the clocks change has them where the wall clock says.
    func intervals(on day: CalendarDate) -> [(start: Date, end: Date)] {
        guard !holidays.contains(day), let spans = week[day.isoWeekday], !spans.isEmpty else { return [] }
        return spans.compactMap { span in
            let start = TaskDue.instant(day: day, minute: span.start, in: timeZone)
            let end = span.end == 1_440 ? TaskDue.startOfDay(day.adding(days: 1), in: timeZone) : TaskDue.instant(day: day, minute: span.end, in: timeZone)
            return start < end ? (start, end) : nil
        }
    }

    /// Working seconds between two instants (zero when `to` is not later). Days in between whose offset from UTC does
    /// not change count their spans' length straight away; only the two ends and days the clocks change on are
    /// converted to instants, so a case open for weeks costs a few hundred additions, not thousands of zone lookups.
    public func workingSeconds(from: Date, to: Date) -> TimeInterval {
        guard from < to else { return 0 }
        let first = TaskDue.day(of: from, in: timeZone), last = TaskDue.day(of: to, in: timeZone)
        let changes = ClockChanges(timeZone, from: from, to: to)
        var total: TimeInterval = 0
        var day = first
        while day <= last {
            if day != first, day != last, changes.none(on: day) {
                total += wholeDay(day)
            } else {
                for interval in intervals(on: day) {
                    let start = max(interval.start, from), end = min(interval.end, to)
                    if start < end { total += end.timeIntervalSince(start) }
                }
            }
            day = day.adding(days: 1)
        }
        return total
    }

    /// The instant at which `seconds` of working time have passed since `start`; nil when the calendar has no
    /// working time within ten years (every day a holiday).
    public func adding(_ seconds: TimeInterval, to start: Date) -> Date? {
        var left = seconds
        var day = TaskDue.day(of: start, in: timeZone)
        let changes = ClockChanges(timeZone, from: start, to: start.addingTimeInterval(3_660 * 86_400))
        for index in 0..<3_660 {
            // A whole day that cannot hold the end is skipped by its length.
            if index > 0, changes.none(on: day) {
                let length = wholeDay(day)
                if left > length {
                    left -= length
                    day = day.adding(days: 1)
                    continue
                }
            }
            for interval in intervals(on: day) where interval.end > start {
                let from = max(interval.start, start)
                let available = interval.end.timeIntervalSince(from)
                if left <= available { return from.addingTimeInterval(left) }
                left -= available
            }
            day = day.adding(days: 1)
        }
        return nil
    }

    /// A day's working seconds when the clocks do not change on it.
    private func wholeDay(_ day: CalendarDate) -> TimeInterval {
        guard !holidays.contains(day), let spans = week[day.isoWeekday] else { return 0 }
        return TimeInterval(spans.reduce(0) { $0 + $1.end - $1.start } * 60)
    }

    /// The instants the zone's offset changes between two instants (a few a year at most).
    private struct ClockChanges {
        let instants: [Date]

        init(_ zone: TimeZone, from: Date, to: Date) {
            var found: [Date] = []
            var cursor = from.addingTimeInterval(-2 * 86_400)
            while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= to.addingTimeInterval(2 * 86_400), found.count < 40 {
                found.append(next)
                cursor = next
            }
            instants = found
        }

        /// No change within the day, whatever the offset (the day is read in UTC widened by the largest offsets).
        func none(on day: CalendarDate) -> Bool {
            let start = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 - 15 * 3_600)
            let end = Date(timeIntervalSince1970: Double(day.dayNumber + 1) * 86_400 + 15 * 3_600)
            return !instants.contains { $0 >= start && $0 <= end }
        }
    }
}

extension CalendarDate {
    /// 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    public var isoWeekday: Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }
}
