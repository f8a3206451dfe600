import CRMCore
import Testing

/// The built-in calendars against days published for them, and `.ics` files as calendar programs write them.
@Suite struct HolidayCalendarTests {
    func day(_ region: HolidayRegion, _ year: Int, _ name: String) -> String? {
        region.holidays(in: year).first { $0.name == name }?.day.description
    }

    @Test func easterAndTheDaysHungOnItFollowTheComputus() {
        let easters = [2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2028: "2028-04-16", 2030: "2030-04-21", 2038: "2038-04-25"]
        for (year, expected) in easters { #expect(MoveableFeasts.easter(year).description == expected) }
        #expect(day(.lithuania, 2027, "Easter Monday") == "2027-03-29")
        #expect(day(.southAfrica, 2026, "Good Friday") == "2026-04-03")
        #expect(day(.southAfrica, 2026, "Family Day") == "2026-04-06")
        #expect(day(.spain, 2027, "Viernes Santo") == "2027-03-26")
        #expect(day(.lithuania, 2026, "Mother's Day") == "2026-05-03")
        #expect(day(.lithuania, 2027, "Father's Day") == "2027-06-06")
    }

    @Test func chineseFeastsFollowTheLunarCalendar() {
        let newYears = [2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26", 2031: "2031-01-23", 2033: "2033-01-31"]
        for (year, expected) in newYears {
            #expect(day(.china, year, "Spring Festival (Chinese New Year)") == expected)
            #expect(day(.taiwan, year, "Lunar New Year") == expected)
        }
        #expect(day(.china, 2026, "Dragon Boat Festival") == "2026-06-19")
        #expect(day(.taiwan, 2027, "Mid-Autumn Festival") == "2027-09-15")
        #expect(day(.china, 2025, "Mid-Autumn Festival") == "2025-10-06")
        #expect(day(.china, 2026, "Qingming Festival") == "2026-04-05")
        #expect(day(.taiwan, 2028, "Tomb Sweeping Day") == "2028-04-04")
    }

    @Test func everyRegionHasItsDaysForTheComingYearsInOrder() {
        for region in HolidayRegion.allCases {
            for year in HolidayRegion.coveredYears {
                let holidays = region.holidays(in: year)
                #expect(holidays.count >= 8, "\(region) \(year)")
                #expect(holidays.map(\.day) == holidays.map(\.day).sorted())
                #expect(holidays.allSatisfy { $0.day.year == year && $0.calendar == region.rawValue })
            }
        }
        #expect(day(.tamilNadu, 2026, "Pongal") == "2026-01-15" && day(.tamilNadu, 2026, "Thiruvalluvar Day") == "2026-01-16")
        #expect(day(.tamilNadu, 2026, "Deepavali") == "2026-11-08")
        #expect(HolidayRegion.coveredYears.contains(2027) && HolidayRegion.tamilNadu.country == "IN")
        // Past the table, the fixed days remain and the Hindu feasts are left to an import.
        #expect(day(.tamilNadu, 2040, "Pongal") == nil && day(.tamilNadu, 2040, "Republic Day") == "2040-01-26")
    }

    @Test func oneOccasionForTheSameDayAndName() {
        let lithuanian = try! #require(HolidayRegion.lithuania.holidays(in: 2026).first { $0.name == "Christmas Day" })
        let southAfrican = try! #require(HolidayRegion.southAfrica.holidays(in: 2026).first { $0.name == "Christmas Day" })
        #expect(lithuanian.occasion == southAfrican.occasion && lithuanian.occasion == "2026-12-25 christmas day")
    }

    @Test func anICalendarFileGivesItsHolidaysWithYearlyRulesSpreadOut() throws {
        let file = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20261225\r
        DTEND;VALUE=DATE:20261226\r
        UID:20261225_christmas@example\r
        SUMMARY:Kalėdos\\, pirma diena\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART:20270101T000000Z\r
        SUMMARY:Company founding da\r
         y\r
        RRULE:FREQ=YEARLY;COUNT=3\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20270301\r
        SUMMARY:Cancelled day\r
        STATUS:CANCELLED\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
        let entries = try HolidayImport.parse(file, lastYear: 2035)
        #expect(entries.map { "\($0.day) \($0.name)" } == ["2026-12-25 Kalėdos, pirma diena", "2027-01-01 Company founding day",
                                                           "2028-01-01 Company founding day", "2029-01-01 Company founding day"])
        let open = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20240229\nSUMMARY:Leap\nRRULE:FREQ=YEARLY\nEND:VEVENT\nEND:VCALENDAR\n"
        #expect(try HolidayImport.parse(open, lastYear: 2032).map(\.day.description) == ["2024-02-29", "2028-02-29", "2032-02-29"])
    }

    @Test func aFileThatCannotBeReadIsRefusedNamingTheEvent() {
        func failure(_ text: String) -> String? {
            do { _ = try HolidayImport.parse(text, lastYear: 2030); return nil } catch { return error.description }
        }
        #expect(failure("hello") == "not an iCalendar file: no BEGIN:VCALENDAR")
        #expect(failure("BEGIN:VCALENDAR\nEND:VCALENDAR") == "the file has no events")
        #expect(failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Day\nDTSTART:2026\nEND:VEVENT\nEND:VCALENDAR") == "event 1 (Day) has no DTSTART date (YYYYMMDD)")
        #expect(failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\nEND:VEVENT\nEND:VCALENDAR") == "event 1 has no SUMMARY: a holiday needs a name")
        #expect(failure("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Pay day\nDTSTART:20260101\nRRULE:FREQ=MONTHLY\nEND:VEVENT\nEND:VCALENDAR")
            == "event 1 (Pay day): only yearly repeats (RRULE:FREQ=YEARLY) can be imported, not FREQ=MONTHLY")
    }
}
