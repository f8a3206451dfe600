import CRMCore
import Foundation
import Testing

@Suite struct TaskDueTests {
    let vilnius = TimeZone(identifier: "Europe/Vilnius")!
    let johannesburg = TimeZone(identifier: "Africa/Johannesburg")!

    func day(_ text: String) throws -> CalendarDate { try #require(CalendarDate(text)) }
    func text(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test func aDueTimeIsReadInTheAssigneesZone() throws {
        #expect(text(TaskDue(day: try day("2026-12-01"), minuteOfDay: 14 * 60 + 30, timeZone: vilnius).instant) == "2026-12-01T12:30:00Z")
        #expect(text(TaskDue(day: try day("2026-07-01"), minuteOfDay: 14 * 60 + 30, timeZone: vilnius).instant) == "2026-07-01T11:30:00Z")
        // All day: ordered and reminded at nine in the morning there.
        #expect(text(TaskDue(day: try day("2026-12-01"), minuteOfDay: nil, timeZone: johannesburg).instant) == "2026-12-01T07:00:00Z")
        // 03:30 does not exist in Vilnius on 29 March 2026; the task is due as the clocks jump.
        #expect(TaskDue(day: try day("2026-03-29"), minuteOfDay: 3 * 60 + 30, timeZone: vilnius).instant
                <= (try #require(ISO8601DateFormatter().date(from: "2026-03-29T01:30:00Z"))))
    }

    @Test func timesAreReadAsHoursAndMinutes() {
        #expect(TaskDue.minute(parsing: "09:05") == 545)
        #expect(TaskDue.minute(parsing: "23:59") == 1_439)
        for bad in ["9:05", "24:00", "12:60", "noon", ""] { #expect(TaskDue.minute(parsing: bad) == nil, "\(bad)") }
        #expect(TaskDue.timeText(545) == "09:05")
    }

    @Test func bucketsFollowTheViewersDay() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-01T21:30:00Z")) // 23:30 in Vilnius
        let bounds = TaskDue.Bounds(now: now, in: vilnius)
        #expect(bounds.today.description == "2026-12-01" && text(bounds.endOfWeek) == "2026-12-08T22:00:00Z")
        let timedEarlier = TaskDue(day: try day("2026-12-01"), minuteOfDay: 10 * 60, timeZone: vilnius)
        #expect(TaskDue.bucket(dueAt: timedEarlier.instant, allDay: false, now: now, bounds: bounds) == .overdue)
        let allDay = TaskDue(day: try day("2026-12-01"), minuteOfDay: nil, timeZone: vilnius)
        #expect(TaskDue.bucket(dueAt: allDay.instant, allDay: true, now: now, bounds: bounds) == .today)
        let lateTonight = TaskDue(day: try day("2026-12-01"), minuteOfDay: 23 * 60 + 45, timeZone: vilnius)
        #expect(TaskDue.bucket(dueAt: lateTonight.instant, allDay: false, now: now, bounds: bounds) == .today)
        let yesterday = TaskDue(day: try day("2026-11-30"), minuteOfDay: nil, timeZone: vilnius)
        #expect(TaskDue.bucket(dueAt: yesterday.instant, allDay: true, now: now, bounds: bounds) == .overdue)
        let tomorrow = TaskDue(day: try day("2026-12-02"), minuteOfDay: 8 * 60, timeZone: vilnius)
        #expect(TaskDue.bucket(dueAt: tomorrow.instant, allDay: false, now: now, bounds: bounds) == .upcoming)
        #expect(TaskDue.day(of: now, in: vilnius).description == "2026-12-01")
        #expect(TaskDue.day(of: now.addingTimeInterval(3_600), in: vilnius).description == "2026-12-02")
        #expect(text(TaskDue.startOfDay(try day("2026-12-02"), in: vilnius)) == "2026-12-01T22:00:00Z")
    }
}
