import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

@Suite struct MailIngestTests {
    struct Page: Decodable { let items: [InteractionDTO]; let nextCursor: String? }

    static func message(id: String, from: String, to: String, subject: String, inReplyTo: String? = nil, references: String? = nil,
                        date: String = "Tue, 24 Nov 2026 09:15:42 +0100") -> [UInt8] {
        var lines = ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: \(date)", "Message-ID: <\(id)>"]
        if let inReplyTo { lines.append("In-Reply-To: <\(inReplyTo)>") }
        if let references { lines.append("References: \(references)") }
        lines += ["Content-Type: text/plain; charset=utf-8", "", "Hello from \(from)."]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    @Test func mailIsMatchedThreadedStoredOnceAndUnmatchedMailCanBeFiled() async throws {
        try await withTestApp { app in
            let (api, seller) = try await app.apiClient("eva@ourcompany.example")
            let account = try await api.createAccount(["name": "Silva Lda"])
            let joao = try await api.createContact(["givenName": "João", "accountId": account.id.uuidString,
                                                    "emails": [["value": "Joao.Silva@Gmail.com"]]])

            let inbound = Self.message(id: "m1@gmail.com", from: "João <joao.silva@gmail.com>", to: "Eva <EVA@ourcompany.example>", subject: "Quote?")
            let first = try await api.send(.POST, "/api/v1/mail/inbound", raw: inbound)
            #expect(first.status == .created, "\(first.body.string)")
            let result = try JSONDecoder().decode(MailAPIController.IngestResult.self, from: Data(first.body.string.utf8))
            #expect(!result.duplicate && !result.unmatched && result.contacts == 1)
            let again = try await api.send(.POST, "/api/v1/mail/inbound", raw: inbound)
            #expect(again.status == .ok && again.body.string.contains("\"duplicate\":true"))
            #expect(try await Interaction.query(on: app.db).filter(\.$kind == "email").count() == 1, "stored once")

            let stored = try await api.decode(InteractionDTO.self, .GET, "/api/v1/interactions/\(result.id)")
            #expect(stored.direction == "inbound" && stored.user?.id == seller.id && stored.account?.id == account.id && stored.threadId == "m1@gmail.com")

            // Our reply: outbound, in the same thread.
            let reply = Self.message(id: "r1@ourcompany.example", from: "eva@ourcompany.example", to: "joao.silva@gmail.com", subject: "Re: Quote?",
                                     inReplyTo: "m1@gmail.com", references: "<m1@gmail.com>", date: "Tue, 24 Nov 2026 10:02:00 +0100")
            let replied = try await api.send(.POST, "/api/v1/mail/inbound", raw: reply)
            let replyID = try JSONDecoder().decode(MailAPIController.IngestResult.self, from: Data(replied.body.string.utf8)).id
            let replyDTO = try await api.decode(InteractionDTO.self, .GET, "/api/v1/interactions/\(replyID)")
            #expect(replyDTO.direction == "outbound" && replyDTO.threadId == "m1@gmail.com")
            let timeline = try await api.decode(InteractionsAPITests.Page.self, .GET, "/api/v1/contacts/\(joao.id)/timeline?type=email")
            #expect(timeline.items.map(\.title) == ["Re: Quote?", "Quote?"])

            // A stranger writes: the unmatched inbox, until someone files it under a contact.
            let stranger = Self.message(id: "s1@new.example", from: "Ana <ana@new.example>", to: "eva@ourcompany.example", subject: "Catalogue")
            let strangerResult = try JSONDecoder().decode(MailAPIController.IngestResult.self,
                                                          from: Data(try await api.send(.POST, "/api/v1/mail/inbound", raw: stranger).body.string.utf8))
            #expect(strangerResult.unmatched)
            let inbox = try await api.decode(Page.self, .GET, "/api/v1/mail/unmatched")
            #expect(inbox.items.map(\.subject) == ["Catalogue"] && inbox.items.first?.fromAddress == "ana@new.example")
            let ana = try await api.createContact(["givenName": "Ana", "accountId": account.id.uuidString])
            let filed = try await api.decode(InteractionDTO.self, .POST, "/api/v1/mail/unmatched/\(strangerResult.id)/attach", json: ["contactId": ana.id.uuidString])
            #expect(!filed.isUnmatched && filed.contacts.map(\.id) == [ana.id] && filed.account?.id == account.id)
            #expect(try await api.decode(Page.self, .GET, "/api/v1/mail/unmatched").items.isEmpty)

            // The inbox pages newest first.
            for day in 1...3 {
                let raw = Self.message(id: "s\(day)x@new.example", from: "x\(day)@new.example", to: "eva@ourcompany.example", subject: "Stranger \(day)",
                                       date: "Tue, 0\(day) Dec 2026 09:00:00 +0000")
                _ = try await api.send(.POST, "/api/v1/mail/inbound", raw: raw)
            }
            let pageOne = try await api.decode(Page.self, .GET, "/api/v1/mail/unmatched?limit=2")
            let second = try await api.decode(Page.self, .GET, "/api/v1/mail/unmatched?limit=2&cursor=\(pageOne.nextCursor ?? "")")
            #expect((pageOne.items + second.items).map(\.subject) == ["Stranger 3", "Stranger 2", "Stranger 1"] && second.nextCursor == nil)
        }
    }

    @Test func malformedMailIsRefusedWithItsReasonAndNothingStored() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("eva@ourcompany.example")
            let noSender = try await api.send(.POST, "/api/v1/mail/inbound", raw: Array("To: eva@ourcompany.example\r\nSubject: x\r\n\r\nbody".utf8))
            #expect(noSender.status == .unprocessableEntity)
            #expect(try ErrorBody.of(noSender).fields?["message"] == "the From header is missing or holds no address")
            let text = try await api.send(.POST, "/api/v1/mail/inbound", raw: Array("just some words\nand more".utf8))
            #expect(try ErrorBody.of(text).fields?["message"]?.hasPrefix("not an email") == true)
            let empty = try await api.send(.POST, "/api/v1/mail/inbound", raw: [])
            #expect(empty.status == .unprocessableEntity)
            #expect(try await Interaction.query(on: app.db).count() == 0)
        }
    }
}
