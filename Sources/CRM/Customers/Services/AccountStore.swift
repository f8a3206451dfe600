import CRMCore
import Fluent
import Vapor

/// Creates and changes accounts with their phones, emails, tags, search terms and history, each change in one transaction.
struct AccountStore {
    let db: any Database
    let actor: User
    let now: Date
    let defaultCountry: String
    /// What other areas say about erasing an account.
    var contributions = Contributions()

    /// An account with everything its DTO shows, or 404.
    static func load(_ id: UUID?, on db: any Database) async throws -> Account {
        guard let id, let account = try await Account.query(on: db).filter(\.$id == id)
            .with(\.$owner).with(\.$createdBy).with(\.$updatedBy).first()
        else { throw APIError.notFound("This account") }
        return account
    }

    static func dto(_ account: Account, on db: any Database) async throws -> AccountDTO {
        AccountDTO(account, points: try await CustomerSideTables(db: db).points(of: .account(account.requireID())))
    }

    func create(_ input: AccountInput) async throws -> Account {
        let checked = try await check(input, existing: nil)
        let account = Account()
        account.version = 1
        account.$createdBy.id = actor.id
        return try await db.transaction { db in
            try await save(checked, into: account, on: db)
            try await CustomerSideTables(db: db).log(.account(account.requireID()), kind: "created", summary: "Account created", actor: actor, at: now)
            return account
        }
    }

    func update(_ account: Account, with input: AccountInput, expectedVersion: Int) async throws {
        try requireEdit(account)
        let checked = try await check(input, existing: account)
        let previousOwner = account.$owner.id
        try await db.transaction { db in
            try await VersionGuard.claim(table: Account.schema, id: account.requireID(), expected: expectedVersion, on: db)
            account.version = expectedVersion + 1
            try await save(checked, into: account, on: db)
            if previousOwner != checked.ownerID {
                try await CustomerSideTables(db: db).logOwnerChange(.account(try account.requireID()), from: previousOwner,
                                                                    to: checked.ownerID, actor: actor, at: now)
            }
        }
    }

    func setArchived(_ account: Account, _ archived: Bool) async throws {
        try requireEdit(account)
        guard (account.archivedAt != nil) != archived else { return }
        try await db.transaction { db in
            account.archivedAt = archived ? now : nil
            account.version += 1
            account.$updatedBy.id = actor.id
            try await account.save(on: db)
            try await CustomerSideTables(db: db).recordArchived(.account(try account.requireID()), archived, actor: actor, at: now)
        }
    }

    /// Deletes the account and its own data for good; its contacts stay, detached. The audit log keeps who and when.
    func erase(_ account: Account) async throws {
        guard CustomerPermissions.canErase(role: actor.role) else { throw APIError.forbidden }
        let id = try account.requireID()
        // What other areas must keep (the books keep orders and invoices) leaves the account in place, archived.
        let blockers = try await contributions.eraseBlockers(of: id, on: db)
        if !blockers.isEmpty {
            throw APIError.conflict(blockers.joined(separator: " ") + " Archive it instead, or erase its contacts' personal data.")
        }
        try await db.transaction { db in
            try await CustomerSideTables(db: db).erase(.account(id))
            try await CompetitorEntry.query(on: db).filter(\.$account.$id == id).delete()
            try await Contact.query(on: db).filter(\.$account.$id == id).set(\.$account.$id, to: nil).update()
            try await Account.query(on: db).filter(\.$parent.$id == id).set(\.$parent.$id, to: nil).update()
            try await account.delete(on: db)
            try await AuditEntry(actorID: actor.id, action: "erase", subjectType: "account", subjectID: id,
                                 summary: "Account and its phones, emails, tags, competitor entries and history erased", occurredAt: now).create(on: db)
        }
    }

    /// The credit limit other areas check new orders against: a change like any other, versioned and in the history.
    func setCreditLimit(_ account: Account, to limit: Int64?, currency: String) async throws {
        if let limit, limit < 0 { throw APIError.invalid(["creditLimitMinor": "must not be negative"]) }
        guard account.creditLimitMinor != limit else { return }
        let before = account.creditLimitMinor
        try await db.transaction { db in
            try await VersionGuard.claim(table: Account.schema, id: account.requireID(), expected: account.version, on: db)
            account.version += 1
            account.creditLimitMinor = limit
            account.$updatedBy.id = actor.id
            try await account.save(on: db)
            let text = { (minor: Int64?) in minor.map { MinorUnits.plain($0, currency: currency) + " " + currency } ?? "none" }
            try await CustomerSideTables(db: db).log(.account(account.requireID()), kind: "credit_limit",
                                                     summary: "Credit limit changed from \(text(before)) to \(text(limit))", actor: actor, at: now)
        }
    }

    func requireEdit(_ account: Account) throws {
        guard CustomerPermissions.canEdit(role: actor.role, isOwner: account.$owner.id == actor.id) else {
            throw APIError(.forbidden, code: "forbidden", message: "Only the owner, a manager or an admin can change this account.")
        }
    }

    // MARK: - Checking and saving

    /// Checks without saving, adding errors found elsewhere (a form's unreadable amount), so one answer names every problem.
    func validate(_ input: AccountInput, existing: Account?, alsoFailing earlier: [String: String]) async throws {
        try await FieldCheck.failing(with: earlier) { _ = try await check(input, existing: existing) }
    }

    struct Checked {
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

    private func check(_ input: AccountInput, existing: Account?) async throws -> Checked {
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
        checked.currency = CustomerChecks.currency(input.currency, amounts: [("annualPurchaseVolumeMinor", input.annualPurchaseVolumeMinor),
                                                                              ("typicalPriceMinor", input.typicalPriceMinor)], &fields)
        checked.tags = fields.tags(input.tags, "tags")
        checked.ownerID = try await CustomerChecks.owner(input.ownerId, existing: existing?.$owner.id, actor: actor, on: db, &fields)
        checked.parentID = try await parent(input.parentId, of: existing?.id, &fields)
        try fields.throwIfFailed()
        return checked
    }

    /// A parent must exist and must not be the account itself or one of its descendants.
    private func parent(_ parentID: UUID?, of accountID: UUID?, _ fields: inout FieldCheck) async throws -> UUID? {
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

    private func save(_ checked: Checked, into account: Account, on db: any Database) async throws {
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

/// Checks shared by accounts and contacts.
enum CustomerChecks {
    static func addresses(_ inputs: [AddressValue]?, _ fields: inout FieldCheck) -> [AddressValue] {
        (inputs ?? []).enumerated().compactMap { index, input in
            let path = "addresses[\(index)]"
            let kind = fields.choice(input.kind, path + ".kind", as: AddressKind.self) ?? .other
            var address = AddressValue(kind: kind.rawValue,
                                       street: fields.text(input.street, path + ".street", max: 300),
                                       city: fields.text(input.city, path + ".city", max: 100),
                                       region: fields.text(input.region, path + ".region", max: 100),
                                       postalCode: fields.text(input.postalCode, path + ".postalCode", max: 20),
                                       country: fields.text(input.country, path + ".country", max: 2)?.uppercased())
            if let country = address.country, country.count != 2 || !country.allSatisfy(\.isLetter) {
                fields.fail(path + ".country", "must be a two-letter country code such as LT")
                address.country = nil
            }
            let isEmpty = [address.street, address.city, address.region, address.postalCode, address.country].allSatisfy { $0 == nil }
            return isEmpty ? nil : address
        }
    }

    /// A web address as people write it ("example.lt", "https://example.lt/en"): http or https, a dotted host, no spaces.
    static func website(_ raw: String?, _ fields: inout FieldCheck) -> String? {
        guard let text = fields.text(raw, "website", max: 300) else { return nil }
        let withScheme = text.contains("://") ? text : "https://" + text
        guard !text.contains(where: \.isWhitespace), let url = URLComponents(string: withScheme),
              ["http", "https"].contains(url.scheme?.lowercased() ?? ""), let host = url.host, host.contains("."),
              !host.hasPrefix("."), !host.hasSuffix(".") else {
            fields.fail("website", "must be a web address such as example.lt or https://example.lt")
            return nil
        }
        return text
    }

    /// Amounts are whole minor units and need a currency to mean anything.
    static func currency(_ raw: String?, amounts: [(String, Int64?)], _ fields: inout FieldCheck) -> String? {
        for (field, amount) in amounts where (amount ?? 0) < 0 { fields.fail(field, "must not be negative") }
        let currency = fields.text(raw, "currency", max: 3)?.uppercased()
        if let currency, currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isLetter }) {
            fields.fail("currency", "must be a three-letter ISO 4217 code such as EUR")
        }
        if currency == nil, amounts.contains(where: { $0.1 != nil }) {
            fields.fail("currency", "is required when an amount is given")
        }
        return currency
    }

    /// The responsible user: kept on update unless changed, the creator on create; only managers and admins
    /// create records for someone else, and the owner must be an active user.
    static func owner(_ requested: UUID?, existing: UUID?, actor: User, on db: any Database, _ fields: inout FieldCheck) async throws -> UUID {
        let actorID = try actor.requireID()
        let owner = requested ?? existing ?? actorID
        if existing == nil, owner != actorID, !CustomerPermissions.canAssignOthers(role: actor.role) {
            fields.fail("ownerId", "must be yourself; only managers and admins create records for others")
        }
        if owner != existing {
            let user = try await User.find(owner, on: db)
            if user == nil || user?.isDisabled == true { fields.fail("ownerId", "is not an active user") }
        }
        return owner
    }
}

extension AccountStore {
    /// The store as the signed-in user of `request` sees it.
    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now, defaultCountry: request.application.config.defaultCountry,
                  contributions: request.application.contributions)
    }
}
