import Foundation

/// A day a region keeps: what greetings are sent for.
public struct Holiday: Hashable, Sendable {
    public let day: CalendarDate
    public let name: String
    /// The region's calendar (`LT`, `IN-TN`) or an imported calendar's name.
    public let calendar: String

    public init(day: CalendarDate, name: String, calendar: String) {
        (self.day, self.name, self.calendar) = (day, name, calendar)
    }

    /// Greetings for the same day and name are one occasion, whichever calendar listed it: a contact gets one
    /// greeting for Christmas Day even when two calendars have it.
    public var occasion: String { day.description + " " + SearchText.fold(name) }
}

/// The calendars the CRM knows without an import: Lithuania, South Africa, China, Taiwan, Spain and the Indian state of
/// Tamil Nadu. Fixed days and Easter are computed for any year, the Chinese lunar feasts through the Chinese calendar;
/// the Tamil feasts that follow the Hindu calendar come from a table (`HinduFeasts.years`) — later years are imported.
public enum HolidayRegion: String, CaseIterable, Codable, Sendable {
    case lithuania = "LT", southAfrica = "ZA", china = "CN", taiwan = "TW", spain = "ES", tamilNadu = "IN-TN"

    public var title: String {
        switch self {
        case .lithuania: "Lithuania"
        case .southAfrica: "South Africa"
        case .china: "China"
        case .taiwan: "Taiwan"
        case .spain: "Spain"
        case .tamilNadu: "India (Tamil Nadu)"
        }
    }

    /// The country code an address carries for the region.
    public var country: String { String(rawValue.prefix(2)) }

    public func holidays(in year: Int) -> [Holiday] {
        func on(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day) }
        let easter = MoveableFeasts.easter(year)
        var days: [(CalendarDate?, String)]
        switch self {
        case .lithuania:
            days = [(on(1, 1), "New Year's Day"), (on(2, 16), "Day of Restoration of the State"), (on(3, 11), "Day of Restoration of Independence"),
                    (easter, "Easter Sunday"), (easter.adding(days: 1), "Easter Monday"), (on(5, 1), "International Labour Day"),
                    (MoveableFeasts.first(.sunday, month: 5, year: year), "Mother's Day"), (MoveableFeasts.first(.sunday, month: 6, year: year), "Father's Day"),
                    (on(6, 24), "St John's Day (Joninės)"), (on(7, 6), "Statehood Day"), (on(8, 15), "Assumption Day"),
                    (on(11, 1), "All Saints' Day"), (on(11, 2), "All Souls' Day"), (on(12, 24), "Christmas Eve"), (on(12, 25), "Christmas Day"),
                    (on(12, 26), "Second Day of Christmas")]
        case .southAfrica:
            days = [(on(1, 1), "New Year's Day"), (on(3, 21), "Human Rights Day"), (easter.adding(days: -2), "Good Friday"),
                    (easter.adding(days: 1), "Family Day"), (on(4, 27), "Freedom Day"), (on(5, 1), "Workers' Day"), (on(6, 16), "Youth Day"),
                    (on(8, 9), "National Women's Day"), (on(9, 24), "Heritage Day"), (on(12, 16), "Day of Reconciliation"),
                    (on(12, 25), "Christmas Day"), (on(12, 26), "Day of Goodwill")]
        case .china:
            days = [(on(1, 1), "New Year's Day"), (MoveableFeasts.lunar(month: 1, day: 1, year: year), "Spring Festival (Chinese New Year)"),
                    (MoveableFeasts.lunar(month: 1, day: 15, year: year), "Lantern Festival"), (MoveableFeasts.qingming(year), "Qingming Festival"),
                    (on(5, 1), "Labour Day"), (MoveableFeasts.lunar(month: 5, day: 5, year: year), "Dragon Boat Festival"),
                    (MoveableFeasts.lunar(month: 8, day: 15, year: year), "Mid-Autumn Festival"), (on(10, 1), "National Day")]
        case .taiwan:
            days = [(on(1, 1), "Founding Day of the Republic of China"), (MoveableFeasts.lunar(month: 1, day: 1, year: year), "Lunar New Year"),
                    (on(2, 28), "Peace Memorial Day"), (on(4, 4), "Children's Day"), (MoveableFeasts.qingming(year), "Tomb Sweeping Day"),
                    (MoveableFeasts.lunar(month: 5, day: 5, year: year), "Dragon Boat Festival"),
                    (MoveableFeasts.lunar(month: 8, day: 15, year: year), "Mid-Autumn Festival"), (on(10, 10), "National Day")]
        case .spain:
            days = [(on(1, 1), "Año Nuevo"), (on(1, 6), "Epifanía del Señor"), (easter.adding(days: -2), "Viernes Santo"), (on(5, 1), "Fiesta del Trabajo"),
                    (on(8, 15), "Asunción de la Virgen"), (on(10, 12), "Fiesta Nacional de España"), (on(11, 1), "Todos los Santos"),
                    (on(12, 6), "Día de la Constitución"), (on(12, 8), "Inmaculada Concepción"), (on(12, 25), "Navidad")]
        case .tamilNadu:
            let pongal = HinduFeasts.years[year]?.pongal
            days = [(on(1, 1), "New Year's Day"), (pongal, "Pongal"), (pongal?.adding(days: 1), "Thiruvalluvar Day"), (on(1, 26), "Republic Day"),
                    (on(4, 14), "Tamil New Year (Puthandu)"), (on(5, 1), "May Day"), (on(8, 15), "Independence Day"), (on(10, 2), "Gandhi Jayanti"),
                    (HinduFeasts.years[year]?.deepavali, "Deepavali"), (on(12, 25), "Christmas")]
        }
        return days.compactMap { day, name in day.map { Holiday(day: $0, name: name, calendar: rawValue) } }.sorted { $0.day < $1.day }
    }

    /// Years the built-in calendars cover completely (the table of Hindu feasts bounds Tamil Nadu's).
    public static var coveredYears: ClosedRange<Int> { HinduFeasts.years.keys.min()!...HinduFeasts.years.keys.max()! }
}

/// Tamil Nadu's Pongal (the sun entering Capricorn, by the Tamil solar calendar) and Deepavali (a new-moon feast of
/// the Hindu lunisolar calendar), as the state's published holiday lists give them.
enum HinduFeasts {
    static let years: [Int: (pongal: CalendarDate, deepavali: CalendarDate)] = [
        2025: (CalendarDate(year: 2025, month: 1, day: 14), CalendarDate(year: 2025, month: 10, day: 20)),
        2026: (CalendarDate(year: 2026, month: 1, day: 15), CalendarDate(year: 2026, month: 11, day: 8)),
        2027: (CalendarDate(year: 2027, month: 1, day: 15), CalendarDate(year: 2027, month: 10, day: 29)),
        2028: (CalendarDate(year: 2028, month: 1, day: 15), CalendarDate(year: 2028, month: 10, day: 17)),
        2029: (CalendarDate(year: 2029, month: 1, day: 14), CalendarDate(year: 2029, month: 11, day: 5)),
        2030: (CalendarDate(year: 2030, month: 1, day: 14), CalendarDate(year: 2030, month: 10, day: 26)),
    ]
}

/// Feasts whose day moves from year to year.
public enum MoveableFeasts {
    public enum Weekday: Int, Sendable { case sunday = 0, monday, tuesday, wednesday, thursday, friday, saturday }

    /// Western Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher).
    public static func easter(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)
    }

    /// The first given weekday of a month (Mother's Day: the first Sunday of May).
    public static func first(_ weekday: Weekday, month: Int, year: Int) -> CalendarDate {
        let first = CalendarDate(year: year, month: month, day: 1)
        // Day number 0 is 1970-01-01, a Thursday.
        let current = ((first.dayNumber + 4) % 7 + 7) % 7
        return first.adding(days: (weekday.rawValue - current + 7) % 7)
    }

    /// Qingming, the solar term of Clear Brightness: 4 or 5 April (the usual formula for 2001–2099).
    public static func qingming(_ year: Int) -> CalendarDate {
        let y = year % 100
        return CalendarDate(year: year, month: 4, day: Int(Double(y) * 0.2422 + 4.81) - y / 4)
    }

    /// The Gregorian day of a day of the Chinese lunar calendar (not a leap month) falling in the Gregorian year, as
    /// reckoned in China's time.
    public static func lunar(month: Int, day: Int, year: Int) -> CalendarDate? {
        lunarLock.lock()
        defer { lunarLock.unlock() }
        if lunarCache[year] == nil { lunarCache[year] = lunarDays(of: year) }
        return lunarCache[year]?[month * 100 + day]
    }

    // A year's conversion takes a few milliseconds; pages show several calendars for the same years.
    private static let lunarLock = NSLock()
    nonisolated(unsafe) private static var lunarCache = [Int: [Int: CalendarDate]]()

    /// Every Gregorian day of the year by its lunar month and day (month × 100 + day), leap months left out.
    private static func lunarDays(of year: Int) -> [Int: CalendarDate] {
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        var days = [Int: CalendarDate]()
        var day = CalendarDate(year: year, month: 1, day: 1)
        while day.year == year {
            // Noon China time on the day.
            let instant = Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + 4 * 3_600)
            let parts = chinese.dateComponents([.month, .day, .isLeapMonth], from: instant)
            if parts.isLeapMonth == false, let month = parts.month, let lunarDay = parts.day, days[month * 100 + lunarDay] == nil {
                days[month * 100 + lunarDay] = day
            }
            day = day.adding(days: 1)
        }
        return days
    }
}
