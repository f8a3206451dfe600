import CRMCore
import Foundation
import Testing

/// Messages shaped as the common clients write them (Tests/CRMCoreTests/Mail/Corpus), read as the CRM logs them.
@Suite struct MailCorpusTests {
    static func message(_ name: String) throws -> MailMessage {
        try MailMessage(raw: try corpus(name))
    }

    static func corpus(_ name: String) throws -> [UInt8] {
        let folder = try #require(Bundle.module.url(forResource: "Corpus", withExtension: nil))
        return Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test func outlookWithLegacyCharsetAlternativesAndAPDF() throws {
        let mail = try Self.message("outlook.eml")
        #expect(mail.from == MailAddress(name: "Müller, Hans", address: "hans.mueller@example.de"))
        #expect(mail.to.map(\.address) == ["eva.kovacs@ourcompany.example"] && mail.to.first?.name == "Kovacs, Eva")
        #expect(mail.cc.map(\.address) == ["vertrieb@example.de"])
        #expect(mail.subject == "Angebot für Ihre Anfrage – Bestätigung", "Windows-1252 dash in an ISO-8859-1 word")
        #expect(mail.text == "Guten Tag Frau Kovács,\n\nanbei unser Angebot – gültig bis 15.12.2026.\nMit freundlichen Grüßen\nHans Müller")
        #expect(mail.attachments == [MailAttachment(fileName: "Angebot 2026-117.pdf", contentType: "application/pdf", size: 9 + 2_048)])
        #expect(mail.messageID == "AM0PR04MB6123A1B2C3D4E5F6@AM0PR04MB6123.eurprd04.prod.outlook.com")
        #expect(mail.date == ISO8601DateFormatter().date(from: "2026-11-24T08:15:42Z"))
    }

    @Test func gmailReplyWithSplitEncodedSubjectAndThreadHeaders() throws {
        let mail = try Self.message("gmail.eml")
        #expect(mail.from.name == "João Silva")
        #expect(mail.subject == "Re: Orçamento para 40 unidades – entrega antes do Natal", "adjacent encoded words join without the fold")
        #expect(mail.text.hasPrefix("Hi Eva,\n\nthanks for the quote — we'd like 40 units.") && mail.text.hasSuffix("🎄\n\nBest,\nJoão"))
        #expect(mail.cc == [MailAddress(name: "Maria", address: "maria@cliente.example"), MailAddress(name: "Pedro Alves", address: "pedro@cliente.example")])
        #expect(mail.inReplyTo == "CAReply222@mail.gmail.com")
        #expect(mail.references == ["CAOriginal111@mail.gmail.com", "CAReply222@mail.gmail.com"] && mail.threadRoot == "CAOriginal111@mail.gmail.com")
        #expect(mail.date == ISO8601DateFormatter().date(from: "2026-11-25T17:02:11Z"))
    }

    @Test func appleMailSoftLineBreaksAndAnRFC2231FileName() throws {
        let mail = try Self.message("apple-mail.eml")
        #expect(mail.subject == "Präsentation für Donnerstag")
        #expect(mail.text.contains("die Präsentation für das Treffen am Donnerstag. Wir freuen uns auf eine lange Zusammenarbeit mit Ihrem Unternehmen"))
        #expect(mail.attachments == [MailAttachment(fileName: "Präsentation Q4.key", contentType: "application/octet-stream", size: 700)])
        #expect(mail.to.first?.address == "eva.kovacs@ourcompany.example" && mail.to.first?.name == nil)
    }

    @Test func thunderbirdEightBitWithAFoldedReferencesChain() throws {
        let mail = try Self.message("thunderbird.eml")
        #expect(mail.from == MailAddress(name: "Søren Kierkegård", address: "soren@posteo.example"))
        #expect(mail.references == ["first-0001@ourcompany.example", "second-0002@posteo.example", "third-0003@ourcompany.example"])
        #expect(mail.text.contains("Delivery to the Århus warehouse") && mail.text.hasSuffix("> Would Wednesday suit you?"))
    }

    @Test func chineseInGB2312AndBig5() throws {
        let simplified = try Self.message("gb2312.eml")
        #expect(simplified.from.name == "李明" && simplified.to.first?.name == "王经理")
        #expect(simplified.subject == "关于报价的确认")
        #expect(simplified.text == "王经理您好：\n\n感谢您的报价。我们计划订购二百台设备，请确认交货日期。\n\n此致\n李明")
        let traditional = try Self.message("big5.eml")
        #expect(traditional.from.name == "陳先生" && traditional.subject == "訂單查詢")
        #expect(traditional.text == "您好，請問我們的訂單何時出貨？謝謝。")
    }

    @Test func htmlOnlyMailBecomesReadableText() throws {
        let mail = try Self.message("html-only.eml")
        #expect(mail.text == "Invoice – November\nTotal: 1.250,00 €\n- Item one\n- Item & two\nQuestions?\nReply to this mail.")
        #expect(mail.date == ISO8601DateFormatter().date(from: "2026-11-22T12:00:00Z"), "no weekday, no seconds")
    }

    @Test func brokenBoundariesKeepWhatCanBeRead() throws {
        let unclosed = try Self.message("broken-boundary.eml")
        #expect(unclosed.text == "The figures you asked for are attached.")
        #expect(unclosed.attachments.map(\.fileName) == ["figures.csv"], "the last part runs to the end without a closing line")
        let wrong = try Self.message("wrong-boundary.eml")
        #expect(wrong.from == MailAddress(name: "Tom Reed", address: "tom@reed.example"))
        #expect(wrong.text.contains("Units in November: 52."), "a boundary that never appears leaves the body as text")
    }

    @Test func malformedInputIsRefusedWithAReason() throws {
        #expect(throws: MailParseError.noHeaders) { try Self.message("not-an-email.txt") }
        #expect(throws: MailParseError.noSender) { try Self.message("no-sender.eml") }
        #expect(throws: MailParseError.empty) { try MailMessage(raw: Array(" \r\n\r\n".utf8)) }
        #expect(MailParseError.noSender.description == "the From header is missing or holds no address")
    }

    @Test func aMessageWithoutIdGetsOneFromItsBytes() throws {
        let raw = Array("From: a@example.com\nSubject: hi\n\nbody\n".utf8)
        let first = try MailMessage(raw: raw), again = try MailMessage(raw: raw)
        #expect(first.messageID == again.messageID && first.messageID.hasPrefix("generated-"))
        #expect(try MailMessage(raw: Array("From: a@example.com\nSubject: hi\n\nother\n".utf8)).messageID != first.messageID)
    }
}
