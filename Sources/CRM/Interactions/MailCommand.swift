import CRMCore
import Foundation
import Vapor

/// `crm mail ingest`: logs the raw message on standard input, as a mail server hands mail to a program
/// (Postfix or Exim alias `crm: "|crm mail ingest"`). A message that cannot be read exits non-zero with the reason
/// on one line and stores nothing; a message stored before is not stored again.
struct MailCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "ingest (one message on standard input) or retry (queued outgoing mail that is due)") var action: String
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
}
