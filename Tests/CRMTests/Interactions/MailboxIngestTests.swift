import CRMCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// `crm mail ingest --from` reads a whole mbox file or Maildir folder in one process.
@Suite struct MailboxIngestTests {
    private func mbox(_ messages: [[UInt8]]) -> [UInt8] {
        messages.flatMap { Array("From sender Tue Nov 24 09:15:42 2026\r\n".utf8) + $0 + Array("\r\n\r\n".utf8) }
    }

    @Test func anMboxIsLoggedOnceEvenWithAMessageAlreadyStoredAndAnUnreadableOne() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("eva@ourcompany.example")
            let account = try await api.createAccount(["name": "Silva Lda"])
            try await api.createContact(["givenName": "João", "accountId": account.id.uuidString, "emails": [["value": "joao.silva@gmail.com"]]])
            let known = MailIngestTests.message(id: "m1@gmail.com", from: "joao.silva@gmail.com", to: "eva@ourcompany.example", subject: "Quote?")
            #expect(try await api.send(.POST, "/api/v1/mail/inbound", raw: known).status == .created)

            let fresh = (2...6).map { MailIngestTests.message(id: "m\($0)@gmail.com", from: "joao.silva@gmail.com", to: "eva@ourcompany.example", subject: "Order \($0)") }
            let stranger = MailIngestTests.message(id: "s1@new.example", from: "ana@new.example", to: "eva@ourcompany.example", subject: "Catalogue")
            // A body line starting "From " is escaped in the file and comes back whole.
            let escaped = Array("From: joao.silva@gmail.com\r\nTo: eva@ourcompany.example\r\nSubject: Escaped\r\nMessage-ID: <e1@gmail.com>\r\n\r\n>From the plant.\r\n".utf8)
            let unreadable = Array("this is not a message".utf8)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("crm-\(UUID().uuidString).mbox")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(mbox([known] + fresh + [stranger, escaped, unreadable, fresh[0]])).write(to: file)

            app.environment.arguments = ["crm", "mail", "ingest", "--from", file.path]
            await #expect { try await app.startup() } throws: { error in
                "\(error)".hasPrefix("1 message(s) could not be read and were not logged; message 9:")
            }
            let emails = try await Interaction.query(on: app.db).filter(\.$kind == "email").all()
            #expect(emails.count == 8, "the known one, five new, the stranger's, the escaped one: each once")
            #expect(Set(emails.compactMap(\.messageID)).count == 8)
            #expect(emails.first { $0.messageID == "s1@new.example" }?.isUnmatched == true)
            #expect(emails.first { $0.messageID == "e1@gmail.com" }?.body?.hasPrefix("From the plant.") == true)

            // Again: everything was logged before, nothing is stored twice.
            let summary = try await MailIngest(db: app.db, now: Date()).ingest(mailbox: Mbox.messages(Array(try Data(contentsOf: file))))
            #expect(summary.stored == 0 && summary.duplicates == 9 && summary.unreadable.map(\.number) == [9])
            #expect(try await Interaction.query(on: app.db).filter(\.$kind == "email").count() == 8)
        }
    }

    @Test func aMaildirFolderIsLoggedOldestFirst() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("eva@ourcompany.example")
            try await api.createContact(["givenName": "João", "emails": [["value": "joao.silva@gmail.com"]]])
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crm-maildir-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            for part in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(at: folder.appendingPathComponent(part), withIntermediateDirectories: true) }
            for index in 1...3 {
                let raw = MailIngestTests.message(id: "d\(index)@gmail.com", from: "joao.silva@gmail.com", to: "eva@ourcompany.example", subject: "Mail \(index)")
                try Data(raw).write(to: folder.appendingPathComponent(index == 3 ? "new" : "cur").appendingPathComponent("176400000\(index).M1P1.host:2,S"))
            }
            try Data("half-written".utf8).write(to: folder.appendingPathComponent("tmp/1764000009.M9P9.host"))

            app.environment.arguments = ["crm", "mail", "ingest", "--from", folder.path]
            try await app.startup()
            #expect(try await Interaction.query(on: app.db).filter(\.$kind == "email").count() == 3)

            app.environment.arguments = ["crm", "mail", "ingest", "--from", folder.appendingPathComponent("missing").path]
            await #expect { try await app.startup() } throws: { error in "\(error)".hasPrefix("--from: no file or folder at") }
        }
    }
}
