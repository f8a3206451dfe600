import CRMCore
import Foundation
import Testing

/// The SLA clock counts working time only: across nights, weekends, holidays, pauses and clock changes.
@Suite struct SLAClockTests {
    let vilnius = TimeZone(identifier: "Europe/Vilnius")!
    var office: BusinessCalendar {
        .officeHours(in: vilnius, holidays: [CalendarDate("2026-12-24")!, CalendarDate("2026-12-25")!, CalendarDate("2026-12-26")!])
    }
    let hour: TimeInterval = 3_600

    /// An instant written as the wall clock in Vilnius shows it.
    func local(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        let minute = TaskDue.minute(parsing: String(parts[1]))!
        return TaskDue(day: CalendarDate(String(parts[0]))!, minuteOfDay: minute, timeZone: vilnius).instant
    }

    @Test func weekdaysAreNumberedFromMonday() {
        #expect(CalendarDate("2026-12-01")!.isoWeekday == 2)
        #expect(CalendarDate("2026-11-29")!.isoWeekday == 7)
        #expect(CalendarDate("1970-01-01")!.isoWeekday == 4)
        #expect(CalendarDate("1969-12-29")!.isoWeekday == 1)
    }

    @Test func aCaseOpenedAtNightOrOnFridayEveningCountsFromTheNextWorkingHour() {
        #expect(office.adding(4 * hour, to: local("2026-12-01 20:00")) == local("2026-12-02 13:00"))
        #expect(office.adding(4 * hour, to: local("2026-11-27 16:00")) == local("2026-11-30 12:00"))
        #expect(office.workingSeconds(from: local("2026-11-27 16:00"), to: local("2026-11-30 12:00")) == 4 * hour)
        #expect(office.adding(0, to: local("2026-11-28 10:00")) == local("2026-11-30 09:00"))
        #expect(office.workingSeconds(from: local("2026-11-28 10:00"), to: local("2026-11-29 23:00")) == 0)
    }

    @Test func holidaysDoNotCount() {
        // One hour on Wednesday, Christmas Eve to Sunday off, seven hours on Monday.
        #expect(office.adding(8 * hour, to: local("2026-12-23 16:00")) == local("2026-12-28 16:00"))
        #expect(office.workingSeconds(from: local("2026-12-23 00:00"), to: local("2026-12-29 00:00")) == 16 * hour)
    }

    @Test func daylightSavingChangesKeepTheWallClockHours() {
        // Clocks go forward on 29 March 2026 and back on 25 October: 23 and 25 hours around the clock.
        let always = BusinessCalendar.allHours(in: vilnius)
        #expect(always.workingSeconds(from: local("2026-03-29 00:00"), to: local("2026-03-30 00:00")) == 23 * hour)
        #expect(always.workingSeconds(from: local("2026-10-25 00:00"), to: local("2026-10-26 00:00")) == 25 * hour)
        #expect(always.adding(24 * hour, to: local("2026-03-29 00:00")) == local("2026-03-30 01:00"))
        // Office hours across the spring change: two hours on Friday, two on Monday from nine by the new clock.
        #expect(office.adding(4 * hour, to: local("2026-03-27 15:00")) == local("2026-03-30 11:00"))
        #expect(local("2026-03-30 11:00").timeIntervalSince(local("2026-03-27 15:00")) == 67 * hour)
    }

    @Test func theClockPausesWhileWaitingOnTheCustomer() {
        var clock = SLAClock(target: 8 * hour, startedAt: local("2026-11-30 09:00"))
        #expect(clock.deadline(in: office) == local("2026-11-30 17:00"))
        clock.pause(at: local("2026-11-30 11:00"), in: office)
        #expect(clock.state == .paused && clock.deadline(in: office) == nil)
        #expect(clock.used(at: local("2026-12-02 10:00"), in: office) == 2 * hour)
        clock.resume(at: local("2026-12-02 10:00"))
        #expect(clock.deadline(in: office) == local("2026-12-02 16:00"))
        #expect(clock.riskAt(share: 0.75, in: office) == local("2026-12-02 14:00"))
        #expect(clock.remaining(at: local("2026-12-02 15:00"), in: office) == 1 * hour)
    }

    @Test func standingFollowsTheShareOfTheTargetUsed() {
        var clock = SLAClock(target: 4 * hour, startedAt: local("2026-12-01 09:00"))
        #expect(clock.standing(at: local("2026-12-01 11:59"), riskShare: 0.75, in: office) == .onTrack)
        #expect(clock.standing(at: local("2026-12-01 12:00"), riskShare: 0.75, in: office) == .atRisk)
        #expect(clock.standing(at: local("2026-12-01 13:00"), riskShare: 0.75, in: office) == .breached)
        #expect(clock.standing(at: local("2026-12-01 20:00"), riskShare: 0.75, in: office) == .breached)
        clock.meet(at: local("2026-12-01 14:00"), in: office)
        #expect(clock.standing(at: local("2026-12-09 14:00"), riskShare: 0.75, in: office) == .metLate)
        clock.reopen(at: local("2026-12-02 09:00"))
        #expect(clock.state == .running && clock.used == 5 * hour)

        var early = SLAClock(target: 4 * hour, startedAt: local("2026-12-01 09:00"))
        early.meet(at: local("2026-12-01 10:00"), in: office)
        #expect(early.standing(at: local("2026-12-05 10:00"), riskShare: 0.75, in: office) == .met)
    }

    @Test func workingHoursAreReadAndMerged() {
        #expect(BusinessCalendar.Span(parsing: "09:00-17:30") == BusinessCalendar.Span(start: 540, end: 1_050))
        #expect(BusinessCalendar.Span(parsing: "22:00-24:00")?.description == "22:00-24:00")
        #expect(BusinessCalendar.Span(parsing: "17:00-09:00") == nil)
        #expect(BusinessCalendar.Span(parsing: "9-17") == nil)
        let split = BusinessCalendar(timeZone: vilnius, week: [2: [.init(start: 780, end: 1_020)!, .init(start: 480, end: 840)!]])
        #expect(split.week[2] == [.init(start: 480, end: 1_020)!])
        #expect(split.workingSeconds(from: local("2026-12-01 00:00"), to: local("2026-12-02 00:00")) == 9 * hour)
        let never = BusinessCalendar(timeZone: vilnius, week: [:])
        #expect(!never.hasWorkingTime && never.adding(hour, to: local("2026-12-01 00:00")) == nil)
    }

    @Test func longSpansCountWholeDaysAcrossAClockChange() {
        // March 2026 around the clock: 31 days less the hour skipped on the 29th; and back again.
        let always = BusinessCalendar.allHours(in: vilnius)
        #expect(always.workingSeconds(from: local("2026-03-01 00:00"), to: local("2026-04-01 00:00")) == 743 * hour)
        #expect(always.adding(743 * hour, to: local("2026-03-01 00:00")) == local("2026-04-01 00:00"))
        #expect(always.workingSeconds(from: local("2026-10-01 06:30"), to: local("2026-11-01 06:30")) == 745 * hour)
        // Office hours over three weeks with the change inside: 15 weekdays of 8 hours, from Friday 16:00 1 h + … 
        #expect(office.workingSeconds(from: local("2026-03-20 16:00"), to: local("2026-04-10 10:00")) == (1 + 14 * 8 + 1) * hour)
        #expect(office.adding((1 + 14 * 8 + 1) * hour, to: local("2026-03-20 16:00")) == local("2026-04-10 10:00"))
        // Across the year's end with three holidays: from Wednesday 23 December 16:00 to Friday 8 January 12:00.
        let days = office.workingSeconds(from: local("2026-12-23 16:00"), to: local("2027-01-08 12:00"))
        #expect(days == (1 + 9 * 8 + 3) * hour, "Dec 28–31, Jan 1 and 4–7 are working days; Jan 8 until noon")
    }
}
