import CRMCore
import Fluent
import Vapor

/// Automated mail to many customers at once (holiday greetings): what keeps each contact from getting it, and the
/// logging and queueing of a batch in the caller's transaction, in a constant number of statements per batch.
extension MailDelivery {
    /// Why each contact cannot get automated email now — no consent to email, no address, the contact-frequency cap
    /// reached, archived or unknown; contacts that can are absent.
    func obstacles(to contactIDs: [UUID]) async throws -> [UUID: String] {
        try await reach(contactIDs).obstacles
    }

    /// The obstacles with the contacts and addresses they were judged on: four statements whatever the count.
    private func reach(_ contactIDs: [UUID]) async throws
        -> (obstacles: [UUID: String], contacts: [UUID: CustomerDirectory.ContactFacts], addresses: [UUID: String]) {
        guard config.sendmail != nil else {
            return (Dictionary(uniqueKeysWithValues: contactIDs.map { ($0, "email sending is not configured (CRM_SENDMAIL)") }), [:], [:])
        }
        let directory = CustomerDirectory(db: db)
        let contacts = Dictionary(uniqueKeysWithValues: try await directory.contacts(contactIDs).map { ($0.id, $0) })
        let addresses = try await directory.firstEmailAddresses(ofContacts: contactIDs)
        let caps = try await ContactCapCheck(db: db, now: now).statuses(of: contactIDs, channel: .email)
        var obstacles = [UUID: String]()
        for id in contactIDs {
            guard let contact = contacts[id], !contact.isArchived else { obstacles[id] = "not an active contact"; continue }
            if !contact.mayEmail { obstacles[id] = "has not agreed to be emailed" }
            else if addresses[id] == nil { obstacles[id] = "has no email address" }
            // The rule, not the count, so that results group by reason.
            else if let rule = caps[id]?.reachedRule { obstacles[id] = "contact-frequency cap reached (\(rule.description))" }
        }
        return (obstacles, contacts, addresses)
    }

    /// Logs and queues each mail whose contact has no obstacle, from its sender (`senderID`) or from the CRM; the
    /// `mail.retry` job delivers them. Returns the interaction logged for each contact mailed.
    func queueMany(_ mails: [Contributions.CustomerEmail]) async throws -> [UUID: UUID] {
        let (obstacles, contacts, addresses) = try await reach(mails.map(\.contactID))
        let ready = mails.filter { obstacles[$0.contactID] == nil }
        guard !ready.isEmpty else { return [:] }
        let senderIDs = Set(ready.compactMap(\.senderID))
        let senders = senderIDs.isEmpty ? [:]
            : Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ senderIDs).all().map { ($0.id!, $0) })
        var interactions = [Interaction](), links = [InteractionContact](), outbox = [OutboundMail](), logged = [UUID: UUID]()
        for mail in ready {
            guard let contact = contacts[mail.contactID], let address = addresses[mail.contactID] else { continue }
            let (interaction, message) = compose(to: contact, address: address, subject: mail.subject, body: mail.body, capReason: nil,
                                                 inReplyTo: mail.inReplyTo, sender: mail.senderID.flatMap { senders[$0] })
            interactions.append(interaction)
            links.append(try InteractionContact(interaction: interaction, contactID: contact.id))
            outbox.append(message)
            logged[contact.id] = interaction.id
        }
        try await interactions.create(on: db)
        try await links.create(on: db)
        try await outbox.create(on: db)
        return logged
    }
}
