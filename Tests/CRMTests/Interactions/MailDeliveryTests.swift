import CRMCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import CRM

/// Delivery through a real program standing in for sendmail: it keeps each message and its arguments in a folder,
/// and the test reads back what it received.
@Suite struct MailDeliveryTests {
    struct Folder {
        let url: URL
        let sendmail: String
        let failing: String

        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("sendmail-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: url.appendingPathComponent("out"), withIntermediateDirectories: true)
            sendmail = url.appendingPathComponent("fake-sendmail").path
            failing = url.appendingPathComponent("down-sendmail").path
            try """
                #!/bin/sh
                out="$(dirname "$0")/out"
                n=$(ls "$out" | wc -l)
                printf '%s\\n' "$@" > "$out/$n.args"
                cat > "$out/$n.eml"
                """.write(toFile: sendmail, atomically: true, encoding: .utf8)
            try "#!/bin/sh\ncat > /dev/null\necho 'mail.example: connection refused' >&2\nexit 75\n".write(toFile: failing, atomically: true, encoding: .utf8)
            for path in [sendmail, failing] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        }

        func received() throws -> [(args: [String], message: MailMessage)] {
            let out = url.appendingPathComponent("out")
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".eml") }.sorted()
            return try names.map { name in
                let args = try String(contentsOf: out.appendingPathComponent(name.replacingOccurrences(of: ".eml", with: ".args")), encoding: .utf8)
                    .split(separator: "\n").map(String.init)
                return (args, try MailMessage(raw: Array(try Data(contentsOf: out.appendingPathComponent(name)))))
            }
        }
    }

    @Test func emailGoesThroughTheProgramAndIsLoggedOnTheTimeline() async throws {
        try await withTestApp { app in
            let folder = try Folder()
            defer { try? FileManager.default.removeItem(at: folder.url) }
            let (api, _) = try await app.apiClient("eva@ourcompany.example")
            let contact = try await api.createContact(["givenName": "Jürgen", "familyName": "Groß", "emails": [["value": "juergen@kunde.example"]]])
            let notConfigured = try await api.send(.POST, "/api/v1/contacts/\(contact.id)/emails", json: ["subject": "Hi", "body": "x"])
            #expect(notConfigured.status == .conflict && notConfigured.body.string.contains("CRM_SENDMAIL"))

            app.config.sendmail = [folder.sendmail, "-i"]
            let sent = try await api.send(.POST, "/api/v1/contacts/\(contact.id)/emails",
                                          json: ["subject": "Angebot für Sie – Größe M", "body": "Guten Tag Herr Groß,\n\nanbei das Angebot.\n" + String(repeating: "ä", count: 100)])
            #expect(sent.status == .created, "\(sent.body.string)")
            let received = try folder.received()
            #expect(received.count == 1)
            let (args, message) = try #require(received.first)
            #expect(args == ["-i", "juergen@kunde.example"], "configured arguments, then the recipient; no shell")
            #expect(message.subject == "Angebot für Sie – Größe M")
            #expect(message.text == "Guten Tag Herr Groß,\n\nanbei das Angebot.\n" + String(repeating: "ä", count: 100))
            #expect(message.to == [MailAddress(name: "Jürgen Groß", address: "juergen@kunde.example")])
            #expect(message.from.address == "eva@ourcompany.example")
            let timeline = try await api.decode(InteractionsAPITests.Page.self, .GET, "/api/v1/contacts/\(contact.id)/timeline?type=email")
            #expect(timeline.items.map(\.title) == ["Angebot für Sie – Größe M"] && timeline.items.first?.direction == "outbound")
            let logged = try await Interaction.query(on: app.db).filter(\.$kind == "email").first()
            #expect(logged?.messageID == message.messageID, "a reply will thread onto it")
        }
    }

    @Test func failuresAreRetriedOnAScheduleAndShownWhenTheyKeepFailing() async throws {
        try await withTestApp { app in
            let folder = try Folder()
            defer { try? FileManager.default.removeItem(at: folder.url) }
            let clock = NIOLockedValueBox(ISO8601DateFormatter().date(from: "2026-11-25T10:00:00Z")!)
            app.clock = AppClock { clock.withLockedValue { $0 } }
            func advance(_ seconds: TimeInterval) { clock.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
            let start = clock.withLockedValue { $0 }
            let (api, _) = try await app.apiClient("eva@ourcompany.example")
            let contact = try await api.createContact(["givenName": "Ana", "emails": [["value": "ana@kunde.example"]]])
            app.config.sendmail = [folder.failing]
            let queued = try await api.send(.POST, "/api/v1/contacts/\(contact.id)/emails", json: ["subject": "Visit", "body": "Tuesday?"])
            #expect(queued.status == .accepted)
            let outbox = try await api.decode([OutboxAPIController.DeliveryDTO].self, .GET, "/api/v1/mail/outbox?status=queued")
            #expect(outbox.count == 1 && outbox[0].attempts == 1)
            #expect(outbox[0].lastError == "\(folder.failing) exited with status 75: mail.example: connection refused")
            #expect(outbox[0].nextAttemptAt == start.addingTimeInterval(60))

            let delivery = { MailDelivery(db: app.db, now: app.clock.now(), config: app.config, threads: app.threadPool) }
            #expect(try await delivery().retryDue() == 0, "not due yet")
            #expect(try await OutboundMail.query(on: app.db).first()?.attempts == 1)
            // The mail server is back: the next due retry delivers.
            app.config.sendmail = [folder.sendmail]
            advance(61)
            #expect(try await delivery().retryDue() == 1)
            #expect(try folder.received().map(\.message.subject) == ["Visit"])

            // A server that stays down: after the last scheduled retry the message is marked failed, and stays listed.
            app.config.sendmail = [folder.failing]
            _ = try await api.send(.POST, "/api/v1/contacts/\(contact.id)/emails", json: ["subject": "Second", "body": "x", "capReason": "n/a"])
            for _ in DeliveryRetry.waits {
                advance(13 * 3_600)
                try await delivery().retryDue()
            }
            let failed = try await api.decode([OutboxAPIController.DeliveryDTO].self, .GET, "/api/v1/mail/outbox?status=failed")
            #expect(failed.count == 1 && failed[0].attempts == DeliveryRetry.waits.count + 1 && failed[0].nextAttemptAt == nil)
            app.config.sendmail = [folder.sendmail]
            let retried = try await api.decode(OutboxAPIController.DeliveryDTO.self, .POST, "/api/v1/mail/outbox/\(failed[0].id)/retry")
            #expect(retried.status == "sent")
        }
    }

    @Test func contactsWhoRefusedEmailAreNotSent() async throws {
        try await withTestApp { app in
            let folder = try Folder()
            defer { try? FileManager.default.removeItem(at: folder.url) }
            app.config.sendmail = [folder.sendmail]
            let (api, _) = try await app.apiClient("eva@ourcompany.example")
            let refused = try await api.createContact(["givenName": "No", "mayEmail": false, "emails": [["value": "no@kunde.example"]]])
            #expect(try await api.send(.POST, "/api/v1/contacts/\(refused.id)/emails", json: ["subject": "Hi", "body": "x"]).status == .conflict)
            let noAddress = try await api.createContact(["givenName": "Nobody"])
            let missing = try await api.send(.POST, "/api/v1/contacts/\(noAddress.id)/emails", json: ["subject": "", "body": "x"])
            #expect(try ErrorBody.of(missing).fields == ["to": "Nobody has no email address", "subject": "must not be empty"])
            #expect(try folder.received().isEmpty)
            #expect(try await OutboundMail.query(on: app.db).count() == 0)
        }
    }
}
