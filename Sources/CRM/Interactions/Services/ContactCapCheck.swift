import CRMCore
import Fluent
import Vapor

/// Applies the contact-frequency cap: the general rules an admin sets, a contact's own rules when it has any,
/// counted over the contact's recent outbound interactions.
struct ContactCapCheck {
    let db: any Database
    let now: Date

    func status(of contactID: UUID, channel: InteractionKind) async throws -> ContactCap.Status {
        try await statuses(of: [contactID], channel: channel)[contactID] ?? ContactCap.Status(reachedRule: nil, count: 0, allowedAgainAt: nil)
    }

    /// The cap for many contacts in two statements (the rules, then the outbound contacts that can count).
    func statuses(of contactIDs: [UUID], channel: InteractionKind) async throws -> [UUID: ContactCap.Status] {
        guard !contactIDs.isEmpty else { return [:] }
        let rules = try await ContactCapRule.query(on: db).group(.or) { $0.filter(\.$contactID == nil).filter(\.$contactID ~~ contactIDs) }.all()
        let general = rules.filter { $0.contactID == nil }.map(\.rule)
        let own = Dictionary(grouping: rules.filter { $0.contactID != nil }, by: { $0.contactID! }).mapValues { $0.map(\.rule) }
        guard !rules.isEmpty else { return [:] }
        let since = now.addingTimeInterval(-Double(ContactCap.lookBackDays(rules.map(\.rule))) * 86_400)
        let recent = Dictionary(grouping: try await InteractionContact.query(on: db).filter(\.$contactID ~~ contactIDs)
            .filter(\.$direction == InteractionDirection.outbound.rawValue).filter(\.$occurredAt > since)
            .filter(\.$kind != InteractionKind.note.rawValue).all(), by: \.contactID)
        var statuses = [UUID: ContactCap.Status]()
        for contactID in contactIDs {
            let contacts = (recent[contactID] ?? []).compactMap { row in InteractionKind(rawValue: row.kind).map { ContactCap.Contact(channel: $0, at: row.occurredAt) } }
            statuses[contactID] = ContactCap.status(rules: general, override: own[contactID], recent: contacts, channel: channel, now: now)
        }
        return statuses
    }

    /// Refuses one more outbound contact past the cap unless a person gives a reason; automated sends never pass it.
    func enforce(contacts: [CustomerDirectory.ContactFacts], channel: InteractionKind, direction: InteractionDirection, reason: String?, automated: Bool) async throws {
        guard direction == .outbound, channel.reachesCustomer else { return }
        var reached = [String]()
        for contact in contacts {
            let status = try await status(of: contact.id, channel: channel)
            if let rule = status.reachedRule { reached.append("\(contact.name) has had \(status.count) (\(rule.description))") }
        }
        guard !reached.isEmpty else { return }
        if automated {
            throw APIError.conflict("The contact-frequency cap is reached: " + reached.joined(separator: "; ") + ".")
        }
        if reason == nil {
            throw APIError.invalid(["capReason": "is required: the contact-frequency cap is reached — " + reached.joined(separator: "; ")])
        }
    }
}
