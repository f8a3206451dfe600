import CRMCore
import Fluent
import Vapor

/// Contacts as vCards: export of one contact or a filtered list; import with a preview that says, card by card,
/// whether it is new, matches a contact already here, or conflicts with one, before anything is written.
struct ContactVCards {
    let db: any Database
    let defaultCountry: String

    // MARK: Export

    func cards(for contacts: [Contact]) async throws -> [VCard] {
        let ids = contacts.compactMap(\.id)
        let points = ids.isEmpty ? [] : try await ContactPoint.query(on: db).filter(\.$contact.$id ~~ ids).sort(\.$position).all()
        let accountIDs = Set(contacts.compactMap(\.$account.id))
        let accounts = accountIDs.isEmpty ? [] : try await Account.query(on: db).filter(\.$id ~~ accountIDs).all()
        return contacts.map { contact in
            var card = VCard(formattedName: contact.displayName)
            card.givenName = contact.givenName
            card.familyName = contact.familyName
            card.organization = accounts.first { $0.id == contact.$account.id }?.name
            card.department = contact.department
            card.title = contact.title
            let own = points.filter { $0.$contact.id == contact.id }
            card.emails = own.filter { $0.kind == "email" }.map { VCard.Entry(value: $0.value, label: $0.label == "mobile" || $0.label == "fax" ? "other" : $0.label) }
            card.phones = own.filter { $0.kind == "phone" }.map { VCard.Entry(value: $0.normalized, label: $0.label) }
            card.birthday = contact.profile.birthday
            card.note = contact.profile.notes
            card.language = contact.language
            return card
        }
    }

    // MARK: Import

    struct PreviewItem: Content, Equatable {
        /// 1-based position in the file.
        let card: Int
        let name: String
        /// `new`, `matched` (same as a contact here) or `conflict` (a contact here with the same address or number differs).
        let status: String
        let contactId: UUID?
        /// The fields that differ, for conflicts.
        let differences: [String]
    }

    struct Report: Content {
        let dryRun: Bool
        let items: [PreviewItem]
        let created: Int

        static let schema = JSONSchema.object([
            ("dryRun", .boolean), ("created", .integer()),
            ("items", .array(.object([("card", .integer()), ("name", .string()), ("status", .string(enumeration: ["new", "matched", "conflict"])),
                                      ("contactId", .nullable(.uuid)), ("differences", .array(.string()))]))),
        ], required: ["dryRun", "items", "created"])
    }

    /// Reads the file and compares each card with the contacts here; with `dryRun` false, creates the new ones,
    /// all of them or (when one is invalid) none. Matched and conflicting cards are left for a person to resolve.
    func importCards(_ text: String, actor: User, now: Date, dryRun: Bool) async throws -> Report {
        let cards: [VCard]
        do { cards = try VCardFormat.parse(text) } catch { throw APIError.invalid(["file": error.description]) }
        guard cards.count <= 10_000 else { throw APIError.invalid(["file": "has \(cards.count) cards; import at most 10000 at once"]) }
        // A few reads for the whole file, not a few per card: the organisations named, the addresses and numbers
        // given, the contacts those belong to.
        let organisations = Array(Set(cards.compactMap(\.organization)))
        var accounts = [String: UUID]()
        for chunk in organisations.chunked(5_000) {
            for account in try await Account.query(on: db).filter(\.$name ~~ chunk).filter(\.$archivedAt == nil).all() {
                accounts[account.name] = accounts[account.name] ?? account.id
            }
        }
        let inputs = cards.map { input(for: $0, accountID: $0.organization.flatMap { accounts[$0] }) }
        let keys = cards.map(matchKeys)
        var owners = [String: UUID]()
        for chunk in Array(Set(keys.joined())).chunked(5_000) {
            for point in try await ContactPoint.query(on: db).filter(\.$normalized ~~ chunk).filter(\.$contact.$id != nil).all() {
                owners[point.normalized] = owners[point.normalized] ?? point.$contact.id
            }
        }
        let matches = keys.map { cardKeys in cardKeys.lazy.compactMap { owners[$0] }.first }
        var ours = [UUID: VCard]()
        for chunk in Array(Set(matches.compactMap { $0 })).chunked(5_000) {
            let contacts = try await Contact.query(on: db).filter(\.$id ~~ chunk).all()
            for (contact, card) in zip(contacts, try await self.cards(for: contacts)) { ours[contact.id!] = card }
        }
        let items = cards.enumerated().map { index, card in
            compare(card, with: matches[index].flatMap { id in ours[id].map { (id, $0) } }, number: index + 1)
        }
        let fresh = items.filter { $0.status == "new" }.map { $0.card - 1 }
        guard !dryRun, !fresh.isEmpty else { return Report(dryRun: dryRun, items: items, created: 0) }
        // Every card is checked as it is created; any invalid card rolls the whole import back, naming each problem.
        let cardInputs = inputs
        try await db.transaction { db in
            let store = ContactStore(db: db, actor: actor, now: now, defaultCountry: defaultCountry)
            var errors = [String: String]()
            for index in fresh {
                do { _ = try await store.create(cardInputs[index]) } catch let error as APIError where error.status == .unprocessableEntity {
                    for (field, reason) in error.fields { errors["card \(index + 1): \(field)"] = reason }
                }
            }
            if !errors.isEmpty { throw APIError.invalid(errors) }
        }
        return Report(dryRun: false, items: items, created: fresh.count)
    }

    func input(for card: VCard, accountID: UUID?) -> ContactInput {
        var input = ContactInput()
        input.givenName = card.givenName
        input.familyName = card.familyName
        input.displayName = card.formattedName
        input.title = card.title
        input.department = card.department
        input.emails = card.emails.map { ContactPointInput(label: $0.label, value: $0.value) }
        input.phones = card.phones.map { ContactPointInput(label: $0.label, value: $0.value) }
        input.language = card.language
        if card.birthday != nil || card.note != nil { input.profile = PersonalProfileValue(birthday: card.birthday, notes: card.note) }
        input.accountId = accountID
        return input
    }

    /// The card's addresses and numbers as contact points store them, to find the contact it may be.
    private func matchKeys(_ card: VCard) -> [String] {
        card.emails.map { $0.value.lowercased() } + card.phones.compactMap { try? PhoneNumber($0.value, defaultCountry: defaultCountry).e164 }
    }

    private func compare(_ card: VCard, with match: (id: UUID, card: VCard)?, number: Int) -> PreviewItem {
        guard let (contactID, ours) = match else {
            return PreviewItem(card: number, name: card.formattedName, status: "new", contactId: nil, differences: [])
        }
        var differences = [String]()
        if ours.formattedName != card.formattedName { differences.append("name") }
        if ours.title != card.title { differences.append("title") }
        if ours.department != card.department { differences.append("department") }
        if ours.organization != card.organization { differences.append("organization") }
        if Set(ours.emails.map { $0.value.lowercased() }) != Set(card.emails.map { $0.value.lowercased() }) { differences.append("emails") }
        if Set(ours.phones.map(\.value)) != Set(card.phones.compactMap { try? PhoneNumber($0.value, defaultCountry: defaultCountry).e164 }) {
            differences.append("phones")
        }
        if ours.birthday != card.birthday { differences.append("birthday") }
        return PreviewItem(card: number, name: card.formattedName, status: differences.isEmpty ? "matched" : "conflict", contactId: contactID,
                           differences: differences)
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
