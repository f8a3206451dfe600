import CRMCore
import Fluent
import Vapor

/// The contact's own fields and rules; the record core does the rest (`RecordStore`).
typealias ContactStore = RecordStore<ContactFields>

extension Contact: CustomerRecord {
    var subject: CustomerSubject { .contact(id!) }
    static var noun: String { "contact" }
    var ownerID: UUID { $owner.id }
    func markChanged(by user: User) { $updatedBy.id = user.id }
}

/// Checks and writes a contact with their phones, emails, tags and search terms; the history is the customer history.
struct ContactFields: ErasableKind {
    let defaultCountry: String

    func newRecord(createdBy actor: User) -> Contact {
        let contact = Contact()
        contact.$createdBy.id = actor.id
        return contact
    }

    /// The person's data goes for good, for a data-protection request.
    func erase(_ contact: Contact, on db: any Database) async throws {
        try await CustomerSideTables(db: db).erase(.contact(contact.requireID()))
        try await contact.delete(on: db)
    }

    var erasedSummary: String { "Contact's personal data, phones, emails, tags and history erased" }

    struct Checked: CheckedRecord {
        var accountID: UUID?
        var givenName, familyName, title, department, language: String?
        var displayName = ""
        var phones: [CheckedPoint] = []
        var emails: [CheckedPoint] = []
        var preferredChannel: PreferredChannel?
        var buyingRole: BuyingRole?
        var profile = PersonalProfileValue()
        var socialProfiles: [SocialProfileValue] = []
        var mayEmail = true, mayCall = true, mayMarket = false
        var ownerID = UUID()
        var tags: [String] = []
    }

    func check(_ input: ContactInput, existing: Contact?, actor: User, on db: any Database) async throws -> Checked {
        var fields = FieldCheck()
        var checked = Checked()
        checked.givenName = fields.text(input.givenName, "givenName", max: 100)
        checked.familyName = fields.text(input.familyName, "familyName", max: 100)
        let fullName = [checked.givenName, checked.familyName].compactMap { $0 }.joined(separator: " ")
        checked.displayName = fields.text(input.displayName, "displayName") ?? fullName
        if checked.displayName.isEmpty { fields.fail("displayName", "or a given or family name is required") }
        checked.title = fields.text(input.title, "title", max: 100)
        checked.department = fields.text(input.department, "department", max: 100)
        checked.phones = fields.phones(input.phones, "phones", defaultCountry: defaultCountry)
        checked.emails = fields.emails(input.emails, "emails")
        checked.preferredChannel = fields.choice(input.preferredChannel, "preferredChannel", as: PreferredChannel.self)
        checked.buyingRole = fields.choice(input.buyingRole, "buyingRole", as: BuyingRole.self)
        checked.profile = Self.profile(input.profile, &fields)
        checked.socialProfiles = (input.socialProfiles ?? []).enumerated().compactMap { index, social in
            let network = fields.text(social.network, "socialProfiles[\(index)].network", max: 50)?.lowercased()
            let handle = fields.text(social.handle, "socialProfiles[\(index)].handle", max: 300)
            guard let network, let handle else {
                fields.fail("socialProfiles[\(index)]", "needs both a network and a handle")
                return nil
            }
            return SocialProfileValue(network: network, handle: handle)
        }
        checked.language = fields.text(input.language, "language", max: 35)
        if let language = checked.language, !Self.isLanguageTag(language) {
            fields.fail("language", "must be a language tag such as lt, af, zh-Hans, es or ta")
        }
        checked.mayEmail = input.mayEmail ?? true
        checked.mayCall = input.mayCall ?? true
        checked.mayMarket = input.mayMarket ?? false
        checked.tags = fields.tags(input.tags, "tags")
        checked.ownerID = try await fields.owner(input.ownerId, existing: existing?.$owner.id, actor: actor, on: db)
        if let accountID = input.accountId {
            if try await Account.find(accountID, on: db) == nil { fields.fail("accountId", "is not an existing account") }
            checked.accountID = accountID
        }
        try fields.throwIfFailed()
        return checked
    }

    static func profile(_ input: PersonalProfileValue?, _ fields: inout FieldCheck) -> PersonalProfileValue {
        let input = input ?? PersonalProfileValue()
        return PersonalProfileValue(
            birthday: fields.date(input.birthday, "profile.birthday"),
            family: fields.text(input.family, "profile.family", max: 2_000),
            homeTown: fields.text(input.homeTown, "profile.homeTown", max: 200),
            school: fields.text(input.school, "profile.school", max: 500),
            sports: fields.text(input.sports, "profile.sports", max: 500),
            hobbies: fields.text(input.hobbies, "profile.hobbies", max: 1_000),
            ambitions: fields.text(input.ambitions, "profile.ambitions", max: 2_000),
            notes: fields.text(input.notes, "profile.notes", max: 10_000)
        )
    }

    /// BCP 47 in its common shapes: a 2–3 letter language, then optional script, region or variant subtags.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    func save(_ checked: Checked, into contact: Contact, actor: User, at now: Date, on db: any Database) async throws {
        // A contact moving to another account is on its history, by the accounts' names.
        if contact.id != nil, contact.$account.id != checked.accountID {
            let ids = [contact.$account.id, checked.accountID].compactMap { $0 }
            let accounts = try await Account.query(on: db).filter(\.$id ~~ ids).all()
            func name(_ id: UUID?) -> String { id.flatMap { id in accounts.first { $0.id == id }?.name } ?? "no account" }
            try await CustomerSideTables(db: db).log(.contact(contact.requireID()), kind: "moved",
                                                     summary: "Moved from \(name(contact.$account.id)) to \(name(checked.accountID))", actor: actor, at: now)
        }
        contact.$account.id = checked.accountID
        contact.givenName = checked.givenName
        contact.familyName = checked.familyName
        contact.displayName = checked.displayName
        contact.title = checked.title
        contact.department = checked.department
        contact.preferredChannel = checked.preferredChannel?.rawValue
        contact.buyingRole = checked.buyingRole?.rawValue
        contact.profile = checked.profile
        contact.socialProfiles = checked.socialProfiles
        contact.language = checked.language
        contact.mayEmail = checked.mayEmail
        contact.mayCall = checked.mayCall
        contact.mayMarket = checked.mayMarket
        contact.$owner.id = checked.ownerID
        contact.tags = checked.tags
        contact.$updatedBy.id = actor.id
        try await contact.save(on: db)
        let subject = CustomerSubject.contact(try contact.requireID())
        let side = CustomerSideTables(db: db)
        try await side.replacePoints(of: subject, phones: checked.phones, emails: checked.emails)
        try await side.replaceTags(of: subject, checked.tags)
        try await side.reindex(subject, name: checked.displayName, otherNames: [checked.givenName, checked.familyName].compactMap { $0 },
                               points: checked.phones + checked.emails, archived: contact.archivedAt != nil)
    }
}

extension RecordStore where Kind == ContactFields {
    init(db: any Database, actor: User, now: Date, defaultCountry: String) {
        self.init(kind: ContactFields(defaultCountry: defaultCountry), db: db, actor: actor, now: now)
    }

    /// The store as the signed-in user of `request` sees it.
    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now, defaultCountry: request.application.config.defaultCountry)
    }

    /// A contact, or 404. Its DTO reads the names it shows itself (`ContactRows`), so nothing is eager-loaded.
    static func load(_ id: UUID?, on db: any Database) async throws -> Contact {
        guard let id, let contact = try await Contact.find(id, on: db) else { throw APIError.notFound("This contact") }
        return contact
    }

    static func dto(_ contact: Contact, on db: any Database) async throws -> ContactDTO {
        guard let dto = try await ContactRows.dtos([contact.requireID()], on: db).first else { throw APIError.notFound("This contact") }
        return dto
    }
}
