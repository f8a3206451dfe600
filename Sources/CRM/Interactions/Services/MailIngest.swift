import CRMCore
import Fluent
import SQLKit
import Vapor

/// Logs an email handed over by the mail server: matched to contacts by address, threaded by Message-ID,
/// stored once however often it arrives; mail no contact matches waits in the unmatched inbox.
struct MailIngest {
    let db: any Database
    let now: Date

    enum Outcome {
        case stored(Interaction)
        case duplicate(Interaction)

        var interaction: Interaction {
            switch self {
            case let .stored(interaction), let .duplicate(interaction): interaction
            }
        }
    }

    /// Parses and stores one raw message; a message that cannot be read throws `MailParseError` and stores nothing.
    func ingest(_ raw: [UInt8]) async throws -> Outcome {
        try await store(try MailMessage(raw: raw))
    }

    /// What a mailbox file or folder came to.
    struct Summary {
        var stored = 0, duplicates = 0, unmatched = 0
        /// Messages that could not be read, by their place in the mailbox (from 1), with the reason; none is stored.
        var unreadable: [(number: Int, reason: String)] = []

        mutating func count(_ outcome: Outcome) {
            switch outcome {
            case .duplicate: duplicates += 1
            case let .stored(interaction):
                stored += 1
                if interaction.isUnmatched { unmatched += 1 }
            }
        }
    }

    /// Stores the messages of an mbox file or a Maildir folder, a batch per transaction (one commit per message
    /// would cost more than the message); a batch that fails is stored again one message at a time, so each message
    /// is stored whole and once, whatever the others do.
    func ingest(mailbox raws: [[UInt8]], batch: Int = 200) async throws -> Summary {
        var summary = Summary()
        var readable: [MailMessage] = []
        for (index, raw) in raws.enumerated() {
            do { readable.append(try MailMessage(raw: raw)) } catch {
                summary.unreadable.append((index + 1, error.description))
            }
        }
        for messages in readable.chunked(batch) {
            do {
                let outcomes = try await db.transaction { db in
                    var outcomes: [Outcome] = []
                    for mail in messages { outcomes.append(try await MailIngest(db: db, now: now).store(mail)) }
                    return outcomes
                }
                outcomes.forEach { summary.count($0) }
            } catch {
                for mail in messages { summary.count(try await store(mail)) }
            }
        }
        return summary
    }

    private func store(_ mail: MailMessage) async throws -> Outcome {
        if let existing = try await Interaction.query(on: db).filter(\.$messageID == mail.messageID).first() { return .duplicate(existing) }

        let participants = [mail.from] + mail.to + mail.cc
        let addresses = Array(Set(participants.map(\.address)))
        let users = try await User.query(on: db).filter(\.$email ~~ addresses).all()
        let ours = Set(users.map { $0.email.lowercased() })
        let outbound = ours.contains(mail.from.address)
        let customerAddresses = addresses.filter { !ours.contains($0) }
        let (contacts, addressedAccounts) = try await CustomerDirectory(db: db).owners(ofEmails: customerAddresses)
        let parentIDs = ([mail.inReplyTo].compactMap { $0 } + mail.references.reversed())
        let parent = parentIDs.isEmpty ? nil : try await Interaction.query(on: db).filter(\.$messageID ~~ parentIDs).sort(\.$occurredAt, .descending).first()

        let interaction = Interaction()
        interaction.kind = InteractionKind.email.rawValue
        interaction.direction = (outbound ? InteractionDirection.outbound : .inbound).rawValue
        interaction.occurredAt = mail.date ?? now
        interaction.subject = mail.subject.isEmpty ? nil : String(mail.subject.prefix(300))
        interaction.body = mail.text.isEmpty ? nil : String(mail.text.prefix(100_000))
        interaction.messageID = mail.messageID
        interaction.threadID = parent?.threadID ?? mail.threadRoot ?? mail.messageID
        interaction.fromAddress = mail.from.address
        interaction.recipients = (mail.to + mail.cc).map(\.address)
        interaction.attachments = mail.attachments
        interaction.channel = "email"
        let sender = users.first { $0.email.lowercased() == mail.from.address }
        let recipient = users.first { user in (mail.to + mail.cc).contains { $0.address == user.email.lowercased() } }
        interaction.$user.id = (outbound ? sender : recipient)?.id
        interaction.accountID = contacts.lazy.compactMap(\.accountID).first ?? addressedAccounts.first ?? parent?.accountID
        interaction.isUnmatched = contacts.isEmpty && interaction.accountID == nil
        interaction.version = 1
        do {
            let observers = outbound ? [] : Areas.contributions.inboundMailObservers
            let now = now
            try await db.transaction { db in
                try await interaction.create(on: db)
                for contact in contacts { try await InteractionContact(interaction: interaction, contactID: contact.id).create(on: db) }
                let inbound = Contributions.InboundMail(
                    interactionID: try interaction.requireID(), messageID: mail.messageID, parentInteractionID: parent?.id, from: mail.from.address,
                    recipients: (mail.to + mail.cc).map(\.address), subject: mail.subject, text: mail.text, contactIDs: contacts.map(\.id),
                    accountID: interaction.accountID, at: interaction.occurredAt)
                for observe in observers { try await observe(inbound, db, now) }
            }
        } catch {
            // The same message delivered twice at once: the other delivery stored it.
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                  let existing = try await Interaction.query(on: db).filter(\.$messageID == mail.messageID).first() else { throw error }
            return .duplicate(existing)
        }
        return .stored(interaction)
    }

    /// Files an unmatched email under a contact: it joins the contact's (and account's) timeline. Only mail still
    /// unmatched, and only under a contact the actor may edit: filed mail does not move to another timeline.
    static func attach(_ interaction: Interaction, to contact: CustomerDirectory.ContactFacts, actor: User, on db: any Database) async throws {
        guard interaction.kind == InteractionKind.email.rawValue else { throw APIError.notFound("This email") }
        guard RecordPermissions.canEdit(role: actor.role, isOwner: contact.ownerID == actor.id) else {
            throw APIError(.forbidden, code: "forbidden", message: "Only the contact's owner, a manager or an admin can file mail under this contact.")
        }
        try await db.transaction { db in
            // Claimed by the statement that checks it, so two people filing the same email at once cannot both succeed.
            let claimed = try await db.sql.update(Interaction.schema).set("is_unmatched", to: false)
                .where("id", .equal, interaction.requireID()).where("is_unmatched", .equal, true).returning("id").all()
            guard claimed.count == 1 else { throw APIError.conflict("This email is already filed under a contact.") }
            if try await InteractionContact.query(on: db).filter(\.$interaction.$id == interaction.requireID())
                .filter(\.$contactID == contact.id).first() == nil {
                try await InteractionContact(interaction: interaction, contactID: contact.id).create(on: db)
            }
            if interaction.accountID == nil { interaction.accountID = contact.accountID }
            interaction.isUnmatched = false
            try await interaction.save(on: db)
        }
    }
}
