import Foundation

/// Reads holidays from an iCalendar (RFC 5545) file, as Google Calendar, Outlook and public holiday feeds publish them:
/// each event's first day and summary. A yearly rule (`RRULE:FREQ=YEARLY`, with `COUNT` or `UNTIL` or neither) is
/// spread over the years asked for; any other rule is refused, as its days could not be listed faithfully.
public enum HolidayImport {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public struct Entry: Hashable, Sendable {
        public let day: CalendarDate
        public let name: String
    }

    public static let maxEntries = 5_000

    /// The holidays of the file, first day first, each day and name once; yearly events through `lastYear`.
    public static func parse(_ text: String, lastYear: Int) throws(Failure) -> [Entry] {
        var entries = Set<Entry>()
        var event: [String: (parameters: [String: [String]], value: String)]?
        var number = 0
        var sawCalendar = false
        for line in VCardFormat.unfold(text) where !line.isEmpty {
            guard let property = VCardFormat.property(line) else { continue }
            switch (property.name, property.value.uppercased()) {
            case ("BEGIN", "VCALENDAR"): sawCalendar = true
            case ("BEGIN", "VEVENT"): event = [:]; number += 1
            case ("END", "VEVENT"):
                if let event { entries.formUnion(try self.entries(of: event, number: number, lastYear: lastYear)) }
                event = nil
                if entries.count > maxEntries { throw Failure(description: "more than \(maxEntries) holidays: split the file") }
            default:
                if event?[property.name] == nil { event?[property.name] = (property.parameters, property.value) }
            }
        }
        guard sawCalendar else { throw Failure(description: "not an iCalendar file: no BEGIN:VCALENDAR") }
        guard !entries.isEmpty else { throw Failure(description: "the file has no events") }
        return entries.sorted { ($0.day, $0.name) < ($1.day, $1.name) }
    }

    private static func entries(of event: [String: (parameters: [String: [String]], value: String)], number: Int, lastYear: Int) throws(Failure) -> [Entry] {
        let summary = event["SUMMARY"].map { VCardFormat.unescape($0.value).trimmingCharacters(in: .whitespaces) } ?? ""
        let label = "event \(number)" + (summary.isEmpty ? "" : " (\(summary))")
        guard !summary.isEmpty else { throw Failure(description: "\(label) has no SUMMARY: a holiday needs a name") }
        guard summary.count <= 200 else { throw Failure(description: "\(label): the name is longer than 200 characters") }
        guard let start = event["DTSTART"], let day = date(start.value) else {
            throw Failure(description: "\(label) has no DTSTART date (YYYYMMDD)")
        }
        if event["STATUS"]?.value.uppercased() == "CANCELLED" { return [] }
        guard let rule = event["RRULE"]?.value else { return [Entry(day: day, name: summary)] }
        var parts = [String: String]()
        for part in rule.uppercased().split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { parts[String(pair[0])] = String(pair[1]) }
        }
        guard parts["FREQ"] == "YEARLY", Set(parts.keys).isSubset(of: ["FREQ", "COUNT", "UNTIL", "INTERVAL"]) else {
            throw Failure(description: "\(label): only yearly repeats (RRULE:FREQ=YEARLY) can be imported, not \(rule)")
        }
        let interval = parts["INTERVAL"].flatMap { Int($0) } ?? 1
        let count = parts["COUNT"].flatMap { Int($0) } ?? Int.max
        let until = parts["UNTIL"].flatMap(date)
        guard interval >= 1 else { throw Failure(description: "\(label): INTERVAL must be 1 or more") }
        var entries = [Entry]()
        var year = day.year
        while year <= lastYear, entries.count < count {
            // 29 February repeats only in leap years, as calendar programs do.
            if day.month != 2 || day.day != 29 || CalendarDate.days(inMonth: 2, of: year) == 29 {
                let next = CalendarDate(year: year, month: day.month, day: day.day)
                if let until, next > until { break }
                entries.append(Entry(day: next, name: summary))
            }
            year += interval
        }
        return entries
    }

    /// `YYYYMMDD`, alone or starting a date-time.
    static func date(_ value: String) -> CalendarDate? {
        let digits = value.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return CalendarDate("\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))")
    }
}
