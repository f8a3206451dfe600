import CRMCore
import Foundation
import Testing

@Suite struct ICalendarTests {
    let stamp = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func eventsRenderWithEscapedTextAndCRLF() throws {
        let calendar = ICalendar(name: "Ona's tasks", events: [
            .init(uid: "a@crm", when: .allDay(try #require(CalendarDate("2026-12-31"))), summary: "Call Ūla; ask, politely", lastModified: stamp),
            .init(uid: "b@crm", when: .timed(start: stamp, minutes: 30), summary: "Visit", description: "Line one\nline two\\", cancelled: true,
                  sequence: 3, lastModified: stamp),
        ])
        let text = calendar.render(stamp: stamp)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"))
        #expect(text.contains("SUMMARY:Call Ūla\\; ask\\, politely\r\n"))
        #expect(text.contains("DESCRIPTION:Line one\\nline two\\\\\r\n"))
        #expect(text.contains("DTSTART:20261130T005320Z\r\nDTEND:20261130T012320Z\r\n"))
        #expect(text.contains("STATUS:CANCELLED\r\nSEQUENCE:3\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func longLinesFoldWithoutSplittingACharacter() {
        let summary = String(repeating: "Ą", count: 100)
        let text = ICalendar(name: "x", events: [.init(uid: "u", when: .timed(start: stamp, minutes: 1), summary: summary, lastModified: stamp)])
            .render(stamp: stamp)
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(text.contains("\r\n Ą"))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + summary))
    }
}
