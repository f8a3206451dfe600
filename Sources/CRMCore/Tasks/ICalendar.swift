import Foundation

/// An iCalendar (RFC 5545) document of events, as calendar programs subscribe to it: text escaped, lines folded
/// at 75 octets without splitting a character, CRLF line ends.
public struct ICalendar: Sendable {
    public struct Event: Sendable {
        public enum When: Sendable {
            /// A whole day: `DTSTART;VALUE=DATE`, ending the next day.
            case allDay(CalendarDate)
            case timed(start: Date, minutes: Int)
        }

        public var uid: String
        public var when: When
        public var summary: String
        public var description: String?
        public var url: String?
        public var cancelled = false
        public var sequence = 0
        public var lastModified: Date

        public init(uid: String, when: When, summary: String, description: String? = nil, url: String? = nil, cancelled: Bool = false,
                    sequence: Int = 0, lastModified: Date) {
            (self.uid, self.when, self.summary, self.description, self.url) = (uid, when, summary, description, url)
            (self.cancelled, self.sequence, self.lastModified) = (cancelled, sequence, lastModified)
        }
    }

    public var name: String
    public var events: [Event]

    public init(name: String, events: [Event]) {
        self.name = name
        self.events = events
    }

    public func render(stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Open CRM//Tasks//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + Self.escape(name)]
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + Self.escape(event.uid))
            lines.append("DTSTAMP:" + Self.utc(stamp))
            switch event.when {
            case let .allDay(day):
                lines.append("DTSTART;VALUE=DATE:" + Self.compact(day))
                lines.append("DTEND;VALUE=DATE:" + Self.compact(day.adding(days: 1)))
            case let .timed(start, minutes):
                lines.append("DTSTART:" + Self.utc(start))
                lines.append("DTEND:" + Self.utc(start.addingTimeInterval(Double(minutes) * 60)))
            }
            lines.append("SUMMARY:" + Self.escape(event.summary))
            if let description = event.description { lines.append("DESCRIPTION:" + Self.escape(description)) }
            if let url = event.url { lines.append("URL:" + url) }
            lines.append("STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"))
            lines.append("SEQUENCE:\(event.sequence)")
            lines.append("LAST-MODIFIED:" + Self.utc(event.lastModified))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT values: backslash, semicolon and comma escaped, line breaks as `\n`.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space.
    static func fold(_ line: String) -> String {
        var folded = "", count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                folded += "\r\n "
                count = 1
            }
            folded.append(character)
            count += size
        }
        return folded
    }

    /// `20261201T120509Z`: the basic form of ISO 8601 that iCalendar writes.
    static func utc(_ date: Date) -> String { InstantText.iso8601(date).filter { $0 != "-" && $0 != ":" } }

    static func compact(_ day: CalendarDate) -> String { day.description.filter { $0 != "-" } }
}
