import CRMCore
import Fluent
import Vapor

/// The holidays greetings can be sent for: the built-in regions' calendars and the calendars imported from `.ics`
/// files (a company's own days, a region the CRM does not know, years past the built-in tables).
struct HolidayBook {
    let db: any Database

    struct Calendar: Content, Equatable {
        /// `LT`, `IN-TN`, or the imported calendar's name.
        let code: String
        let title: String
        let builtIn: Bool
        /// The country whose contacts a greeting for it is for by default; nil for an imported calendar.
        let country: String?
        let holidays: Int?

        static let schema = JSONSchema.object([("code", .string()), ("title", .string()), ("builtIn", .boolean), ("country", .nullable(.string())),
                                               ("holidays", .nullable(.integer(description: "imported calendars: how many days they hold")))],
                                              required: ["code", "title", "builtIn"])
    }

    struct HolidayDTO: Content, Equatable {
        let day: String
        let name: String
        let calendar: String

        init(_ holiday: Holiday) { (day, name, calendar) = (holiday.day.description, holiday.name, holiday.calendar) }

        static let schema = JSONSchema.object([("day", .string(format: "date")), ("name", .string()), ("calendar", .string())],
                                              required: ["day", "name", "calendar"])
    }

    /// Every calendar: the built-in ones, then the imported ones by name.
    func calendars() async throws -> [Calendar] {
        let imported = try await db.sql.raw("SELECT calendar, COUNT(*) AS days FROM imported_holidays GROUP BY calendar ORDER BY calendar")
            .all(decoding: ImportedCount.self)
        return HolidayRegion.allCases.map { Calendar(code: $0.rawValue, title: $0.title, builtIn: true, country: $0.country, holidays: nil) }
            + imported.map { Calendar(code: $0.calendar, title: $0.calendar, builtIn: false, country: nil, holidays: $0.days) }
    }

    private struct ImportedCount: Decodable { let calendar: String; let days: Int }

    /// The holidays between two days (both included), of one calendar or of all, by day.
    func holidays(from first: CalendarDate, through last: CalendarDate, calendar: String? = nil) async throws -> [Holiday] {
        var found = [Holiday]()
        for region in HolidayRegion.allCases where calendar == nil || calendar == region.rawValue {
            for year in first.year...max(first.year, last.year) {
                found += region.holidays(in: year).filter { $0.day >= first && $0.day <= last }
            }
        }
        if calendar.flatMap(HolidayRegion.init(rawValue:)) == nil {
            let query = ImportedHoliday.query(on: db).filter(\.$day >= first.description).filter(\.$day <= last.description)
            if let calendar { query.filter(\.$calendar == calendar) }
            found += try await query.all().compactMap { row in CalendarDate(row.day).map { Holiday(day: $0, name: row.name, calendar: row.calendar) } }
        }
        return found.sorted { ($0.day, $0.calendar, $0.name) < ($1.day, $1.calendar, $1.name) }
    }

    /// The holiday a calendar has on a day under a name, or nil.
    func holiday(calendar: String, day: CalendarDate, name: String) async throws -> Holiday? {
        try await holidays(from: day, through: day, calendar: calendar).first { $0.name == name }
    }

    /// Replaces an imported calendar's days with those of an `.ics` file (yearly events spread ten years on); the
    /// file is read whole before anything is stored, so a bad file changes nothing. Returns how many days it holds.
    func importCalendar(name rawName: String?, file: String, now: Date) async throws -> Int {
        var fields = FieldCheck()
        let name = fields.required(rawName, "name", max: 60)
        if HolidayRegion(rawValue: name.uppercased()) != nil { fields.fail("name", "is a built-in calendar's code: choose another name") }
        var parsed = [HolidayImport.Entry]()
        do {
            parsed = try HolidayImport.parse(file, lastYear: CalendarDate.today(at: now).year + 10)
        } catch {
            fields.fail("file", error.description)
        }
        try fields.throwIfFailed()
        let entries = parsed
        try await db.transaction { db in
            try await ImportedHoliday.query(on: db).filter(\.$calendar == name).delete()
            let rows = entries.map { entry in
                let row = ImportedHoliday()
                (row.calendar, row.day, row.name, row.importedAt) = (name, entry.day.description, entry.name, now)
                return row
            }
            for chunk in rows.chunked(500) { try await Array(chunk).create(on: db) }
        }
        return entries.count
    }

    func deleteCalendar(_ name: String) async throws {
        guard try await ImportedHoliday.query(on: db).filter(\.$calendar == name).count() > 0 else { throw APIError.notFound("This imported calendar") }
        try await ImportedHoliday.query(on: db).filter(\.$calendar == name).delete()
    }
}
