import CRMCore
import Fluent
import NIOPosix
import Vapor

/// Sends email to customers through the configured sendmail-compatible program. Every message is logged as an
/// interaction and kept in the outbox first, so a failed delivery is retried on a schedule and, when it keeps
/// failing, shown as failed rather than lost.
struct MailDelivery {
    let db: any Database
    let now: Date
    let config: AppConfig
    let threads: NIOThreadPool

    init(db: any Database, now: Date, config: AppConfig, threads: NIOThreadPool) {
        (self.db, self.now, self.config, self.threads) = (db, now, config, threads)
    }

    init(_ request: Request) {
        self.init(db: request.db, now: request.now, config: request.application.config, threads: request.application.threadPool)
    }

    struct SendInput: StrictInput {
        var subject: String?
        var body: String?
        var capReason: String?
    }

    /// Logs the email on the contact's timeline, queues it and tries to deliver it at once.
    func send(to contact: CustomerDirectory.ContactFacts, _ input: SendInput, actor: User) async throws -> (Interaction, OutboundMail) {
        try requireMailable(contact)
        var fields = FieldCheck()
        let subject = fields.required(input.subject, "subject", max: 300)
        let body = fields.required(input.body, "body", max: 100_000)
        let capReason = fields.text(input.capReason, "capReason", max: 500)
        let addresses = try await CustomerDirectory(db: db).emailAddresses(ofContact: contact.id)
        if addresses.isEmpty { fields.fail("to", "\(contact.name) has no email address") }
        try fields.throwIfFailed()
        try await ContactCapCheck(db: db, now: now).enforce(contacts: [contact], channel: .email, direction: .outbound, reason: capReason, automated: false)
        let (now, config, threads) = (now, config, threads)
        let logged = try await db.transaction { db in
            try await MailDelivery(db: db, now: now, config: config, threads: threads)
                .log(to: contact, address: addresses[0], subject: subject, body: body, capReason: capReason, inReplyTo: nil, actor: actor)
        }
        try await deliver(logged.1)
        return logged
    }

    /// Logs and queues mail another area sends a customer (see `Contributions.CustomerEmail`), in the caller's
    /// transaction; the `mail.retry` job sends it within a minute. Returns the interaction logged.
    func queue(_ mail: Contributions.CustomerEmail, to contact: CustomerDirectory.ContactFacts, actor: User?) async throws -> UUID {
        try requireMailable(contact)
        guard let address = try await CustomerDirectory(db: db).emailAddresses(ofContact: contact.id).first else {
            throw APIError.invalid(["via": "\(contact.name) has no email address: record the answer as a call"])
        }
        if mail.capped {
            try await ContactCapCheck(db: db, now: now).enforce(contacts: [contact], channel: .email, direction: .outbound, reason: nil, automated: true)
        }
        return try await log(to: contact, address: address, subject: mail.subject, body: mail.body, capReason: nil, inReplyTo: mail.inReplyTo, actor: actor)
            .0.requireID()
    }

    private func requireMailable(_ contact: CustomerDirectory.ContactFacts) throws {
        guard config.sendmail != nil else {
            throw APIError.conflict("Email sending is not configured: set CRM_SENDMAIL to a sendmail-compatible program.")
        }
        guard contact.mayEmail else { throw APIError.conflict("\(contact.name) has not agreed to be emailed.") }
    }

    /// The interaction on the contact's timeline and the queued message, on this store's database.
    private func log(to contact: CustomerDirectory.ContactFacts, address to: String, subject: String, body: String, capReason: String?,
                     inReplyTo: String?, actor: User?) async throws -> (Interaction, OutboundMail) {
        let (interaction, outbox) = compose(to: contact, address: to, subject: subject, body: body, capReason: capReason, inReplyTo: inReplyTo, sender: actor)
        try await interaction.create(on: db)
        try await InteractionContact(interaction: interaction, contactID: contact.id).create(on: db)
        try await outbox.create(on: db)
        return (interaction, outbox)
    }

    /// The interaction and its queued message, not yet stored, their ids set: from the sender, or from the CRM.
    func compose(to contact: CustomerDirectory.ContactFacts, address to: String, subject: String, body: String, capReason: String?,
                 inReplyTo: String?, sender: User?) -> (Interaction, OutboundMail) {
        let from = sender.map { MailAddress(name: $0.name, address: config.mailFrom ?? $0.email) }
            ?? MailAddress(name: "Customer service", address: config.mailFrom ?? "crm@" + (to.split(separator: "@").last.map(String.init) ?? "localhost"))
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "crm.invalid"
        let messageID = UUID().uuidString.lowercased() + "@" + domain
        let message = MailComposer.compose(from: from, to: [MailAddress(name: contact.name, address: to)], subject: subject, body: body,
                                           messageID: messageID, date: now, inReplyTo: inReplyTo)
        let interaction = Interaction()
        interaction.id = UUID()
        interaction.kind = InteractionKind.email.rawValue
        interaction.direction = InteractionDirection.outbound.rawValue
        interaction.occurredAt = now
        interaction.$user.id = sender?.id
        interaction.accountID = contact.accountID
        interaction.channel = "email"
        interaction.subject = subject
        interaction.body = body
        interaction.capReason = capReason
        interaction.messageID = messageID
        interaction.threadID = inReplyTo ?? messageID
        interaction.fromAddress = from.address
        interaction.recipients = [to]
        interaction.attachments = []
        interaction.isUnmatched = false
        interaction.$createdBy.id = sender?.id
        interaction.version = 1
        let outbox = OutboundMail()
        outbox.id = UUID()
        outbox.$interaction.id = interaction.id
        outbox.recipients = [to]
        outbox.message = message
        outbox.status = "queued"
        outbox.attempts = 0
        outbox.nextAttemptAt = now
        outbox.createdAt = now
        return (interaction, outbox)
    }

    /// Tries every queued message whose time has come; returns how many were sent.
    @discardableResult
    func retryDue() async throws -> Int {
        let due = try await OutboundMail.query(on: db).filter(\.$status == "queued").filter(\.$nextAttemptAt <= now)
            .sort(\.$nextAttemptAt).limit(100).all()
        var sent = 0
        for mail in due {
            try await deliver(mail)
            if mail.status == "sent" { sent += 1 }
        }
        return sent
    }

    /// Tries a queued or failed message again now, whatever its schedule; a delivered one is refused.
    /// Outgoing mail, newest first: managers and admins see everyone's, others what they sent and what is for them.
    func outbox(status: String? = nil, for actor: User, limit: Int = 200) async throws -> [OutboundMail] {
        let query = OutboundMail.query(on: db).join(Interaction.self, on: \OutboundMail.$interaction.$id == \Interaction.$id, method: .left)
        if !actor.role.canSeeTeamWork {
            let me = try actor.requireID()
            query.group(.or) { $0.filter(Interaction.self, \.$createdBy.$id == me).filter(\.$toUserID == me) }
        }
        if let status { query.filter(\.$status == status) }
        return try await query.with(\.$interaction).sort(\.$createdAt, .descending).limit(limit).all()
    }

    /// Sends a queued or failed message now; sales and service users retry only what they sent.
    func retryNow(_ id: UUID, actor: User) async throws -> OutboundMail {
        guard let mail = try await OutboundMail.query(on: db).filter(\.$id == id).with(\.$interaction).first() else { throw APIError.notFound("This message") }
        guard actor.role.canSeeTeamWork || mail.interaction?.$createdBy.id == actor.id || mail.toUserID == actor.id else {
            throw APIError.notFound("This message")
        }
        guard mail.status != "sent" else { throw APIError.conflict("This message was delivered already.") }
        mail.status = "queued"
        try await deliver(mail)
        return mail
    }

    /// One attempt: hands the message to the program and records the outcome.
    func deliver(_ mail: OutboundMail) async throws {
        mail.attempts += 1
        do {
            guard let command = config.sendmail else { throw DeliveryFailure(description: "CRM_SENDMAIL is not set") }
            try await run(command, recipients: mail.recipients, message: Data(mail.message.utf8))
            mail.status = "sent"
            mail.sentAt = now
            mail.nextAttemptAt = nil
            mail.lastError = nil
        } catch {
            mail.lastError = String(String(describing: error).prefix(1_000))
            if let next = DeliveryRetry.nextAttempt(afterFailedAttempts: mail.attempts, at: now) {
                mail.nextAttemptAt = next
            } else {
                mail.status = "failed"
                mail.nextAttemptAt = nil
            }
        }
        try await mail.save(on: db)
    }

    struct DeliveryFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Queues a plain-text message to an active colleague in the outbox, in the caller's transaction; the
    /// `mail.retry` job delivers it within a minute. False when the CRM sends no mail or the user cannot get any.
    func queueForColleague(userID: UUID, subject: String, body: String) async throws -> Bool {
        guard config.sendmail != nil, let user = try await User.find(userID, on: db), !user.isDisabled else { return false }
        let from = MailAddress(name: "CRM", address: config.mailFrom ?? "crm@" + (user.email.split(separator: "@").last.map(String.init) ?? "localhost"))
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "crm.invalid"
        let mail = OutboundMail()
        mail.recipients = [user.email]
        mail.message = MailComposer.compose(from: from, to: [MailAddress(name: user.name, address: user.email)], subject: subject, body: body,
                                            messageID: UUID().uuidString.lowercased() + "@" + domain, date: now)
        mail.subject = subject
        mail.toUserID = userID
        mail.status = "queued"
        mail.attempts = 0
        mail.nextAttemptAt = now
        mail.createdAt = now
        try await mail.create(on: db)
        return true
    }

    /// Runs the program on a blocking thread, the message on its standard input; a non-zero exit is a failure
    /// named by the program's first line of error output.
    private func run(_ command: [String], recipients: [String], message: Data) async throws {
        try await threads.runIfActive {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.resolve(command[0]))
            process.arguments = Array(command.dropFirst()) + recipients
            let input = Pipe(), errors = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            do {
                try process.run()
            } catch {
                throw DeliveryFailure(description: "cannot run \(command[0]): \(error.localizedDescription)")
            }
            input.fileHandleForWriting.write(message)
            try? input.fileHandleForWriting.close()
            let output = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                let line = String(decoding: output, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
                throw DeliveryFailure(description: "\(command[0]) exited with status \(process.terminationStatus)" + (line.isEmpty ? "" : ": " + line))
            }
        }
    }

    /// A bare program name is looked up on PATH, as a shell would, without running one.
    static func resolve(_ program: String) -> String {
        guard !program.contains("/") else { return program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(program)") {
            return "\(folder)/\(program)"
        }
        return program
    }
}

extension MailDelivery {
    /// Every minute, the queued mail whose next attempt has come: one worker sends it, however many servers run.
    static let retryKind = JobKind(name: "mail.retry", summary: "Send queued email whose next attempt has come", maxAttempts: 1, schedule: "* * * * *") { run in
        guard run.app.config.sendmail != nil else { return }
        let sent = try await MailDelivery(db: run.db, now: run.now, config: run.app.config, threads: run.app.threadPool).retryDue()
        if sent > 0 { run.app.logger.info("Delivered \(sent) queued email(s)") }
    }
}
