import CRMCore
import Fluent
import Vapor

/// Applies the contact-frequency cap: the general rules an admin sets, a contact's own rules when it has any,
/// counted over the contact's recent outbound interactions.
struct ContactCapCheck {
    let db: any Database
    let now: Date

    func status(of contactID: UUID, channel: InteractionKind) async throws -> ContactCap.Status {
        let rules = try await ContactCapRule.query(on: db).group(.or) { $0.filter(\.$contactID == nil).filter(\.$contactID == contactID) }.all()
        let general = rules.filter { $0.contactID == nil }.map(\.rule)
        let own = rules.filter { $0.contactID == contactID }.map(\.rule)
        let all = own.isEmpty ? general : own
        guard !all.isEmpty else { return ContactCap.Status(reachedRule: nil, count: 0, allowedAgainAt: nil) }
        let since = now.addingTimeInterval(-Double(ContactCap.lookBackDays(all)) * 86_400)
        let recent = try await InteractionContact.query(on: db).filter(\.$contactID == contactID)
            .filter(\.$direction == InteractionDirection.outbound.rawValue).filter(\.$occurredAt > since)
            .filter(\.$kind != InteractionKind.note.rawValue).all()
            .compactMap { row in InteractionKind(rawValue: row.kind).map { ContactCap.Contact(channel: $0, at: row.occurredAt) } }
        return ContactCap.status(rules: general, override: own.isEmpty ? nil : own, recent: recent, channel: channel, now: now)
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
