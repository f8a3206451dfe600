import CRMCore
import Foundation
import Vapor

/// `crm mail ingest`: logs the raw message on standard input, as a mail server hands mail to a program
/// (Postfix or Exim alias `crm: "|crm mail ingest"`). A message that cannot be read exits non-zero with the reason
/// on one line and stores nothing; a message stored before is not stored again. `--from` reads a whole mbox file or
/// Maildir folder in one process instead (an archive, or a mailbox a mail server fills).
struct MailCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "ingest (one message on standard input) or retry (queued outgoing mail that is due)") var action: String
        @Option(name: "from", help: "ingest: an mbox file or a Maildir folder instead of standard input") var from: String?
        init() {}
    }

    var help: String { "Logs one email read from standard input (RFC 5322) on the contacts' timelines, or retries queued outgoing mail." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if signature.action == "retry" {
            try await app.autoMigrate()
            let sent = try await MailDelivery(db: app.db, now: app.clock.now(), config: app.config, threads: app.threadPool).retryDue()
            context.console.print("Delivered \(sent) queued email(s).")
            return
        }
        guard signature.action == "ingest" else { throw CommandFailure("unknown action \"\(signature.action)\"; use ingest or retry") }
        if let path = signature.from { return try await ingest(mailbox: path, context) }
        let raw = Array(FileHandle.standardInput.readDataToEndOfFile())
        try await app.autoMigrate()
        let outcome: MailIngest.Outcome
        do {
            outcome = try await MailIngest(db: app.db, now: app.clock.now()).ingest(raw)
        } catch let error as MailParseError {
            throw CommandFailure("cannot log this email: \(error.description)")
        }
        let interaction = outcome.interaction
        switch outcome {
        case .duplicate: context.console.print("Already logged: \(interaction.messageID ?? "") (\(try interaction.requireID()))")
        case .stored where interaction.isUnmatched: context.console.print("Logged to the unmatched inbox: \(interaction.messageID ?? "")")
        case .stored: context.console.print("Logged: \(interaction.messageID ?? "") (\(try interaction.requireID()))")
        }
    }

    private func ingest(mailbox path: String, _ context: CommandContext) async throws {
        let app = context.application
        let messages = try Mailbox.read(path)
        try await app.autoMigrate()
        let summary = try await MailIngest(db: app.db, now: app.clock.now()).ingest(mailbox: messages)
        context.console.print("Logged \(summary.stored) of \(messages.count) messages (\(summary.unmatched) to the unmatched inbox), "
                              + "\(summary.duplicates) logged before, \(summary.unreadable.count) unreadable.")
        if let first = summary.unreadable.first {
            throw CommandFailure("\(summary.unreadable.count) message(s) could not be read and were not logged; message \(first.number): \(first.reason)")
        }
    }
}

/// Reads the messages of an mbox file or a Maildir folder (`new` and `cur`, oldest name first).
enum Mailbox {
    static func read(_ path: String) throws -> [[UInt8]] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw CommandFailure("--from: no file or folder at \(path)") }
        guard isFolder.boolValue else {
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("--from: cannot read \(path)") }
            return Mbox.messages(Array(data))
        }
        let folder = URL(fileURLWithPath: path)
        let parts = ["new", "cur"].map { folder.appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0.path) }
        guard !parts.isEmpty else { throw CommandFailure("--from: \(path) is a folder without new/ or cur/, so not a Maildir") }
        let files = try parts.flatMap { try FileManager.default.contentsOfDirectory(at: $0, includingPropertiesForKeys: nil) }
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.map { file in
            guard let data = FileManager.default.contents(atPath: file.path) else { throw CommandFailure("--from: cannot read \(file.path)") }
            return Array(data)
        }
    }
}
