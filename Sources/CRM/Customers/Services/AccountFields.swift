import CRMCore
import Fluent
import Vapor

/// The account's own fields and rules; the record core does the rest (`RecordStore`).
typealias AccountStore = RecordStore<AccountFields>

extension Account: CustomerRecord {
    var subject: CustomerSubject { .account(id!) }
    static var noun: String { "account" }
    var ownerID: UUID { $owner.id }
    func markChanged(by user: User) { $updatedBy.id = user.id }
}

/// Checks and writes an account with its phones, emails, tags and search terms; its history is the customer history.
struct AccountFields: ErasableKind {
    let defaultCountry: String
    /// What other areas say about erasing an account.
    var contributions = Contributions()

    func newRecord(createdBy actor: User) -> Account {
        let account = Account()
        account.$createdBy.id = actor.id
        return account
    }

    func eraseBlockers(of account: Account, on db: any Database) async throws -> [String] {
        try await contributions.eraseBlockers(of: account.requireID(), on: db)
    }

    /// The account and its own data go; its contacts and subsidiaries stay, detached.
    func erase(_ account: Account, on db: any Database) async throws {
        let id = try account.requireID()
        try await CustomerSideTables(db: db).erase(.account(id))
        try await CompetitorEntry.query(on: db).filter(\.$account.$id == id).delete()
        try await Contact.query(on: db).filter(\.$account.$id == id).set(\.$account.$id, to: nil).update()
        try await Account.query(on: db).filter(\.$parent.$id == id).set(\.$parent.$id, to: nil).update()
        try await account.delete(on: db)
    }

    var erasedSummary: String { "Account and its phones, emails, tags, competitor entries and history erased" }

    struct Checked: CheckedRecord {
        var name = ""
        var kind = AccountKind.company
        var industry, sizeBand, website: String?
        var parentID: UUID?
        var ownerID = UUID()
        var addresses: [AddressValue] = []
        var phones: [CheckedPoint] = []
        var emails: [CheckedPoint] = []
        var businessNotes, salesGoals, productUsage, currency: String?
        var annualVolumeMinor, typicalPriceMinor: Int64?
        var tags: [String] = []
    }

    func check(_ input: AccountInput, existing: Account?, actor: User, on db: any Database) async throws -> Checked {
        var fields = FieldCheck()
        var checked = Checked()
        checked.name = fields.required(input.name, "name")
        checked.kind = fields.choice(input.kind ?? AccountKind.company.rawValue, "kind", as: AccountKind.self) ?? .company
        checked.industry = fields.text(input.industry, "industry", max: 100)
        checked.sizeBand = fields.text(input.sizeBand, "sizeBand", max: 50)
        checked.website = CustomerChecks.website(input.website, &fields)
        checked.addresses = CustomerChecks.addresses(input.addresses, &fields)
        checked.phones = fields.phones(input.phones, "phones", defaultCountry: defaultCountry)
        checked.emails = fields.emails(input.emails, "emails")
        checked.businessNotes = fields.text(input.businessNotes, "businessNotes", max: 10_000)
        checked.salesGoals = fields.text(input.salesGoals, "salesGoals", max: 10_000)
        checked.productUsage = fields.text(input.productUsage, "productUsage", max: 10_000)
        checked.annualVolumeMinor = input.annualPurchaseVolumeMinor
        checked.typicalPriceMinor = input.typicalPriceMinor
        checked.currency = fields.currency(input.currency, amounts: [("annualPurchaseVolumeMinor", input.annualPurchaseVolumeMinor),
                                                                     ("typicalPriceMinor", input.typicalPriceMinor)])
        checked.tags = fields.tags(input.tags, "tags")
        checked.ownerID = try await fields.owner(input.ownerId, existing: existing?.$owner.id, actor: actor, on: db)
        checked.parentID = try await parent(input.parentId, of: existing?.id, on: db, &fields)
        try fields.throwIfFailed()
        return checked
    }

    /// A parent must exist and must not be the account itself or one of its descendants.
    private func parent(_ parentID: UUID?, of accountID: UUID?, on db: any Database, _ fields: inout FieldCheck) async throws -> UUID? {
        guard let parentID else { return nil }
        var cursor: UUID? = parentID
        var depth = 0
        while let current = cursor {
            if current == accountID {
                fields.fail("parentId", "would make the account its own parent")
                return nil
            }
            guard let row = try await Account.find(current, on: db) else {
                if current == parentID { fields.fail("parentId", "is not an existing account") }
                return nil
            }
            cursor = row.$parent.id
            depth += 1
            if depth > 50 { break }
        }
        return parentID
    }

    func save(_ checked: Checked, into account: Account, actor: User, at now: Date, on db: any Database) async throws {
        account.name = checked.name
        account.kind = checked.kind.rawValue
        account.industry = checked.industry
        account.sizeBand = checked.sizeBand
        account.website = checked.website
        account.$parent.id = checked.parentID
        account.$owner.id = checked.ownerID
        account.addresses = checked.addresses
        account.businessNotes = checked.businessNotes
        account.annualVolumeMinor = checked.annualVolumeMinor
        account.typicalPriceMinor = checked.typicalPriceMinor
        account.currency = checked.currency
        account.salesGoals = checked.salesGoals
        account.productUsage = checked.productUsage
        account.tags = checked.tags
        account.$updatedBy.id = actor.id
        try await account.save(on: db)
        let subject = CustomerSubject.account(try account.requireID())
        let side = CustomerSideTables(db: db)
        try await side.replacePoints(of: subject, phones: checked.phones, emails: checked.emails)
        try await side.replaceTags(of: subject, checked.tags)
        try await side.reindex(subject, name: checked.name, points: checked.phones + checked.emails, archived: account.archivedAt != nil)
    }
}

extension RecordStore where Kind == AccountFields {
    init(db: any Database, actor: User, now: Date, defaultCountry: String, contributions: Contributions = Contributions()) {
        self.init(kind: AccountFields(defaultCountry: defaultCountry, contributions: contributions), db: db, actor: actor, now: now)
    }

    /// The store as the signed-in user of `request` sees it.
    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now, defaultCountry: request.application.config.defaultCountry,
                  contributions: request.application.contributions)
    }

    /// An account, or 404. Its DTO reads the names it shows itself (`AccountRows`), so nothing is eager-loaded.
    static func load(_ id: UUID?, on db: any Database) async throws -> Account {
        guard let id, let account = try await Account.find(id, on: db) else { throw APIError.notFound("This account") }
        return account
    }

    static func dto(_ account: Account, on db: any Database) async throws -> AccountDTO {
        guard let dto = try await AccountRows.dtos([account.requireID()], on: db).first else { throw APIError.notFound("This account") }
        return dto
    }

    /// The credit limit other areas check new orders against: a change like any other, versioned and in the history.
    func setCreditLimit(of accountID: UUID, to limit: Int64?, currency: String) async throws {
        let account = try await Self.load(accountID, on: db)
        if let limit, limit < 0 { throw APIError.invalid(["creditLimitMinor": "must not be negative"]) }
        guard account.creditLimitMinor != limit else { return }
        let before = account.creditLimitMinor
        try await db.transaction { db in
            try await VersionGuard.claim(table: Account.schema, id: account.requireID(), expected: account.version, on: db)
            account.version += 1
            account.creditLimitMinor = limit
            account.$updatedBy.id = actor.id
            try await account.save(on: db)
            let text = { (minor: Int64?) in minor.map { MinorUnits.display($0, currency: currency) } ?? "none" }
            try await CustomerSideTables(db: db).log(.account(account.requireID()), kind: "credit_limit",
                                                     summary: "Credit limit changed from \(text(before)) to \(text(limit))", actor: actor, at: now)
        }
    }
}
