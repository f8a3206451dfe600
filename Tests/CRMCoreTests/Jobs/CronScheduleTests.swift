import CRMCore
import Foundation
import Testing

@Suite struct CronScheduleTests {
    let vilnius = TimeZone(identifier: "Europe/Vilnius")!
    let utc = TimeZone(identifier: "UTC")!

    func instant(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }
    func text(_ date: Date?) -> String? { date.map { ISO8601DateFormatter().string(from: $0) } }

    @Test func fieldsReadStarsRangesListsAndSteps() throws {
        let schedule = try CronSchedule("*/15 8-10,14 * * 1-5")
        #expect(schedule.minutes == [0, 15, 30, 45])
        #expect(schedule.hours == [8, 9, 10, 14])
        #expect(schedule.daysOfWeek == [1, 2, 3, 4, 5])
        #expect(try CronSchedule("5/20 * * * 7").minutes == [5, 25, 45])
        #expect(try CronSchedule("0 0 * * 7").daysOfWeek == [0])
        let daily = try CronSchedule("@daily")
        #expect(daily.minutes == [0] && daily.hours == [0] && daily.daysOfMonth.count == 31 && daily.daysOfWeek.count == 7)
    }

    @Test func badExpressionsNameTheField() {
        #expect(throws: CronSchedule.Invalid(description: "needs five fields (minute hour day-of-month month day-of-week), got 4")) { try CronSchedule("0 2 * *") }
        #expect(throws: CronSchedule.Invalid(description: "hour \"24\" is outside 0–23")) { try CronSchedule("0 24 * * *") }
        #expect(throws: CronSchedule.Invalid(description: "minute step \"0\" is not a positive number")) { try CronSchedule("*/0 * * * *") }
        #expect(throws: CronSchedule.Invalid(description: "month \"x\" is not a number, a range a-b or *")) { try CronSchedule("0 0 1 x *") }
    }

    @Test func nextIsStrictlyAfterAndOnTheWallClockOfTheZone() throws {
        let daily = try CronSchedule("30 2 * * *")
        // Vilnius is UTC+2 in winter: 02:30 there is 00:30 UTC.
        #expect(text(daily.next(after: try instant("2026-12-01T00:00:00Z"), in: vilnius)) == "2026-12-01T00:30:00Z")
        #expect(text(daily.next(after: try instant("2026-12-01T00:30:00Z"), in: vilnius)) == "2026-12-02T00:30:00Z")
        // In summer (UTC+3) the same wall-clock time is an hour earlier in UTC.
        #expect(text(daily.next(after: try instant("2026-07-01T12:00:00Z"), in: vilnius)) == "2026-07-01T23:30:00Z")
        #expect(text(try CronSchedule("@hourly").next(after: try instant("2026-12-01T10:00:00Z"), in: utc)) == "2026-12-01T11:00:00Z")
    }

    @Test func weekdaysMonthsAndEitherDayField() throws {
        // Mondays to Fridays at 08:00: from Friday evening the next is Monday.
        let workdays = try CronSchedule("0 8 * * 1-5")
        #expect(text(workdays.next(after: try instant("2026-12-04T18:00:00Z"), in: utc)) == "2026-12-07T08:00:00Z")
        // The 1st of the month or any Sunday, as cron reads two restricted day fields.
        let either = try CronSchedule("0 0 1 * 0")
        #expect(text(either.next(after: try instant("2026-12-01T12:00:00Z"), in: utc)) == "2026-12-06T00:00:00Z")
        #expect(try CronSchedule("0 0 31 2 *").next(after: try instant("2026-12-01T00:00:00Z"), in: utc) == nil)
    }

    @Test func dailyWorkFiresOnceADayAcrossDaylightSavingChanges() throws {
        // Vilnius goes from 03:00 to 04:00 on 29 March 2026 and back from 04:00 to 03:00 on 25 October 2026.
        let skipped = try CronSchedule("30 3 * * *")
        var fired: [String] = []
        var last = try instant("2026-03-27T12:00:00Z")
        for _ in 0..<4 {
            last = try #require(skipped.next(after: last, in: vilnius))
            fired.append(try #require(text(last)))
        }
        // 03:30 does not exist on the 29th: it fires when the clocks show 04:00 (01:00 UTC), once.
        #expect(fired == ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"])

        fired = []
        last = try instant("2026-10-23T12:00:00Z")
        for _ in 0..<4 {
            last = try #require(skipped.next(after: last, in: vilnius))
            fired.append(try #require(text(last)))
        }
        // 03:30 happens twice on the 25th; it fires at the first.
        #expect(fired == ["2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", "2026-10-27T01:30:00Z"])
    }

    @Test func hourlyWorkKeepsTheWallClockAcrossTheRepeatedHour() throws {
        let hourly = try CronSchedule("30 * * * *")
        var fired: [String] = []
        var last = try instant("2026-10-24T22:45:00Z")
        for _ in 0..<4 {
            last = try #require(hourly.next(after: last, in: vilnius))
            fired.append(try #require(text(last)))
        }
        // 02:30 (UTC+3), 03:30 (first), 04:30 (UTC+2), 05:30.
        #expect(fired == ["2026-10-24T23:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T02:30:00Z", "2026-10-25T03:30:00Z"])
    }

    @Test func backoffGrowsAndIsCapped() {
        #expect(JobBackoff.delay(afterFailedAttempts: 1) == 60)
        #expect(JobBackoff.delay(afterFailedAttempts: 2) == 240)
        #expect(JobBackoff.delay(afterFailedAttempts: 3) == 960)
        #expect(JobBackoff.delay(afterFailedAttempts: 9) == 6 * 3_600)
    }
}
