import CRMCore
import Testing

@Suite struct VCardTests {
    /// As Google Contacts exports (3.0).
    static let google = """
        BEGIN:VCARD\r
        VERSION:3.0\r
        FN:Lucía Fernández\r
        N:Fernández;Lucía;;;\r
        EMAIL;TYPE=INTERNET;TYPE=WORK:lucia@empresa.example\r
        EMAIL;TYPE=INTERNET;TYPE=HOME:lucia.f@gmail.example\r
        TEL;TYPE=CELL:+34 612 345 678\r
        ORG:Empresa S.L.;Compras\r
        TITLE:Jefa de compras\r
        BDAY:1985-02-12\r
        NOTE:Prefiere llamadas por la mañana\\, nunca los lunes.\\nTiene dos hijos.\r
        END:VCARD\r

        """

    /// As Apple Contacts exports (3.0): grouped properties, folded lines, 4.0-style escapes.
    static let apple = """
        BEGIN:VCARD
        VERSION:3.0
        PRODID:-//Apple Inc.//macOS 14.0//EN
        N:Kierkegård;Søren;;;
        FN:Søren Kierkegård
        ORG:Nordisk Handel A/S;
        item1.EMAIL;type=INTERNET;type=pref:soren@nordisk.example
        item1.X-ABLabel:_$!<Other>!$_
        TEL;type=WORK;type=VOICE;type=pref:+45 33 12 34 56
        TEL;type=FAX:+45 33 12 34 57
        NOTE:A long note that Apple folds over several lines because it is longer than seve
         nty-five octets.
        END:VCARD
        """

    /// As Outlook exports (2.1): bare types and quoted-printable in Windows-1252.
    static let outlook = """
        BEGIN:VCARD
        VERSION:2.1
        N;LANGUAGE=de:M=FCller;Hans
        FN;ENCODING=QUOTED-PRINTABLE;CHARSET=windows-1252:Hans M=FCller
        ORG:M=FCller GmbH
        TITLE:Gesch=E4ftsf=FChrer
        TEL;WORK;VOICE:+49 30 1234567
        EMAIL;PREF;INTERNET:hans.mueller@example.de
        END:VCARD
        """

    @Test func googleCardsReadWithTypesEscapesAndBirthday() throws {
        let card = try #require(try VCardFormat.parse(Self.google).first)
        #expect(card.formattedName == "Lucía Fernández" && card.givenName == "Lucía" && card.familyName == "Fernández")
        #expect(card.organization == "Empresa S.L." && card.department == "Compras" && card.title == "Jefa de compras")
        #expect(card.emails == [.init(value: "lucia@empresa.example", label: "work"), .init(value: "lucia.f@gmail.example", label: "home")])
        #expect(card.phones == [.init(value: "+34 612 345 678", label: "mobile")])
        #expect(card.birthday == "1985-02-12")
        #expect(card.note == "Prefiere llamadas por la mañana, nunca los lunes.\nTiene dos hijos.")
    }

    @Test func appleCardsReadWithGroupsAndFoldedLines() throws {
        let card = try #require(try VCardFormat.parse(Self.apple).first)
        #expect(card.emails == [.init(value: "soren@nordisk.example", label: "other")])
        #expect(card.phones.map(\.label) == ["work", "fax"])
        #expect(card.organization == "Nordisk Handel A/S" && card.department == nil)
        #expect(card.note == "A long note that Apple folds over several lines because it is longer than seventy-five octets.")
    }

    @Test func outlookCardsReadWithBareTypesAndQuotedPrintable() throws {
        let card = try #require(try VCardFormat.parse(Self.outlook).first)
        #expect(card.formattedName == "Hans Müller" && card.familyName == "M=FCller", "N has no ENCODING, so it stays as written")
        #expect(card.phones == [.init(value: "+49 30 1234567", label: "work")] && card.emails.first?.value == "hans.mueller@example.de")
    }

    @Test(arguments: VCardVersion.allCases)
    func writtenCardsReadBackTheSame(version: VCardVersion) throws {
        var card = VCard(formattedName: "Zoë O'Brien; Jr.")
        card.givenName = "Zoë"
        card.familyName = "O'Brien"
        card.organization = "Brien, Sons & Co"
        card.department = "Sales"
        card.title = "Head of sales"
        card.emails = [.init(value: "zoe@brien.example", label: "work")]
        card.phones = [.init(value: "+353861234567", label: "mobile"), .init(value: "+35312345678", label: "work")]
        card.birthday = "1990-07-01"
        card.note = "Line one\nLine two with a very long text that certainly needs folding at seventy-five octets, ünïcödé included."
        card.urls = ["https://www.linkedin.com/in/zoe"]
        card.language = "en"
        let text = VCardFormat.write([card, card], version: version)
        #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(try VCardFormat.parse(text) == [card, card])
    }

    @Test func filesWithoutCardsOrNamesAreRefused() {
        #expect(throws: VCardError(description: "not a vCard file: no BEGIN:VCARD … END:VCARD")) { try VCardFormat.parse("name,email\nA,a@b.c") }
        #expect(throws: VCardError(description: "card 1 has no name (FN or N)")) {
            try VCardFormat.parse("BEGIN:VCARD\nVERSION:4.0\nEMAIL:a@b.example\nEND:VCARD\n")
        }
    }
}
