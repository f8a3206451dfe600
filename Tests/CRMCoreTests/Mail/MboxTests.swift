import CRMCore
import Testing

@Suite struct MboxTests {
    @Test func messagesAreSplitAtSeparatorsAndFromLinesUnescaped() {
        let file = """
        From joao@example.pt Tue Nov 24 09:15:42 2026
        Message-ID: <a@x>
        Subject: One

        Hello.
        >From the plant, with love.
        >>From here too.

        From ana@example.es Tue Nov 24 10:00:00 2026
        Message-ID: <b@x>
        Subject: Two

        Hi.
        From is a word, and not after a blank line here.
        Bye.

        """
        let messages = Mbox.messages(Array(file.utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(messages.count == 2)
        #expect(messages[0] == "Message-ID: <a@x>\nSubject: One\n\nHello.\nFrom the plant, with love.\n>From here too.\n")
        #expect(messages[1].hasPrefix("Message-ID: <b@x>\nSubject: Two\n\n"))
        #expect(messages[1].hasSuffix("Bye.\n"))
    }

    @Test func crlfFilesAndEmptyFiles() {
        let file = "From a Tue Nov 24 09:15:42 2026\r\nMessage-ID: <a@x>\r\n\r\nHi\r\n\r\nFrom b Tue Nov 24 09:15:43 2026\r\nMessage-ID: <b@x>\r\n\r\nYo\r\n"
        let messages = Mbox.messages(Array(file.utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(messages == ["Message-ID: <a@x>\r\n\r\nHi\r\n", "Message-ID: <b@x>\r\n\r\nYo\r\n"])
        #expect(Mbox.messages([]).isEmpty)
        #expect(Mbox.messages(Array("no separator at all\n".utf8)).isEmpty)
    }
}
