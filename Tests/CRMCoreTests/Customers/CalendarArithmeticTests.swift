import CRMCore
import Foundation
import Testing

/// Days and times are worked out by arithmetic (formatters and calendars cost too much per row); these hold them to
/// what Foundation's calendar says.
@Suite struct CalendarArithmeticTests {
    @Test func dayNumbersAgreeWithTheGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        // From 1586: Foundation's calendar is Julian before October 1582.
        for dayNumber in stride(from: -140_000, through: 3_000_000, by: 997) {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(dayNumber) * 86_400))
            let day = CalendarDate(dayNumber: dayNumber)
            #expect([day.year, day.month, day.day] == [parts.year, parts.month, parts.day], "\(dayNumber)")
            #expect(day.dayNumber == dayNumber)
        }
    }

    @Test func onlyRealDaysAreRead() {
        #expect(CalendarDate("2024-02-29")?.description == "2024-02-29" && CalendarDate("2000-02-29") != nil)
        #expect(CalendarDate("2025-02-29") == nil && CalendarDate("1900-02-29") == nil && CalendarDate("2026-04-31") == nil)
        #expect(CalendarDate("2026-12-31") != nil && CalendarDate("2026-13-01") == nil && CalendarDate("0000-01-01") == nil)
        #expect(CalendarDate("0099-01-05")?.description == "0099-01-05")
        #expect(CalendarDate.today(at: Date(timeIntervalSince1970: -1)).description == "1969-12-31")
    }

    @Test func timesAreWrittenAsAFormatterWritesThem() throws {
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_GB")
        local.dateFormat = "yyyy-MM-dd HH:mm"
        for zoneName in ["Europe/Vilnius", "Africa/Johannesburg", "Asia/Shanghai", "Asia/Kolkata", "America/New_York", "UTC"] {
            let zone = try #require(TimeZone(identifier: zoneName))
            local.timeZone = zone
            // Across both daylight-saving changes of 2026 in Vilnius and New York, a leap day, and before 1970.
            for seconds in stride(from: -86_400.0 * 400, through: 86_400 * 366 * 60, by: 86_400 * 7 + 3_599) {
                let instant = Date(timeIntervalSince1970: seconds)
                #expect(InstantText.local(instant, in: zone) == local.string(from: instant), "\(zoneName) \(seconds)")
                #expect(InstantText.iso8601(instant) == instant.formatted(.iso8601), "\(seconds)")
            }
            for text in ["2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2024-02-29T23:59:59Z"] {
                let instant = try #require(ISO8601DateFormatter().date(from: text))
                #expect(InstantText.local(instant, in: zone) == local.string(from: instant), "\(zoneName) \(text)")
                #expect(InstantText.iso8601(instant) == text)
            }
        }
        // A wall clock shows the minute that has begun (the formatter rounded 10:59:59.7 up to 11:00).
        let late = Date(timeIntervalSince1970: 1_764_586_799.7)
        #expect(InstantText.local(late, in: .gmt) == "2025-12-01 10:59" && InstantText.iso8601(late) == "2025-12-01T10:59:59Z")
    }
}
