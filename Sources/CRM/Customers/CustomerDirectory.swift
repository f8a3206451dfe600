import Fluent
import SQLKit
import Foundation

/// What Customers tells the other areas about accounts and contacts, so that none of them reads Customers' models:
/// names for what they show, which ids exist for what they store, an account's people and facts. Each call is one
/// query whatever the number of ids, so a list page stays a constant number of statements.
struct CustomerDirectory {
    let db: any Database

    /// Account and contact names for a page of records.
    struct Names: Sendable {
        var accounts: [UUID: String] = [:]
        var contacts: [UUID: String] = [:]

        static let none = Names()

        func account(_ id: UUID) -> AccountRef { AccountRef(id: id, name: accounts[id] ?? "") }
        func contact(_ id: UUID) -> String { contacts[id] ?? "" }
    }

    func names(accounts: some Collection<UUID> = [UUID](), contacts: some Collection<UUID> = [UUID]()) async throws -> Names {
        var names = Names()
        if !accounts.isEmpty {
            for row in try await Account.query(on: db).filter(\.$id ~~ Set(accounts)).field(\.$id).field(\.$name).all() { names.accounts[row.id!] = row.name }
        }
        if !contacts.isEmpty {
            for row in try await Contact.query(on: db).filter(\.$id ~~ Set(contacts)).field(\.$id).field(\.$displayName).all() {
                names.contacts[row.id!] = row.displayName
            }
        }
        return names
    }

    /// What the books and order rules need to know about an account.
    struct AccountFacts: Sendable {
        let id: UUID
        let name: String
        let ownerID: UUID
        let isArchived: Bool
        /// In the base currency; nil for no limit.
        let creditLimitMinor: Int64?
    }

    func account(_ id: UUID?) async throws -> AccountFacts? {
        guard let id, let account = try await Account.find(id, on: db) else { return nil }
        return AccountFacts(id: id, name: account.name, ownerID: account.$owner.id, isArchived: account.archivedAt != nil,
                            creditLimitMinor: account.creditLimitMinor)
    }

    /// The active accounts one person owns, for the work their day brings (customers due to reorder).
    func accountIDs(ownedBy userID: UUID) async throws -> [UUID] {
        try await Keyset.ids(Account.query(on: db).filter(\.$owner.$id == userID).filter(\.$archivedAt == nil))
    }

    /// The account, or a 404 naming it.
    func requireAccount(_ id: UUID) async throws -> AccountFacts {
        guard let account = try await account(id) else { throw APIError.notFound("This account") }
        return account
    }

    /// Active accounts carrying a tag (tags are kept lower-case), for programmes aimed at a segment.
    func activeAccountIDs(taggedWith tag: String) async throws -> [UUID] {
        let query = Account.query(on: db).filter(\.$archivedAt == nil)
        CustomerTagFilter.narrow(query, to: tag.lowercased())
        return try await query.field(\.$id).all().compactMap(\.id)
    }

    /// Name and owner of each active account among `ids` (archived ones are left out): one query per 500.
    func activeAccounts(_ ids: some Collection<UUID>) async throws -> [UUID: (name: String, ownerID: UUID)] {
        var found: [UUID: (name: String, ownerID: UUID)] = [:]
        for chunk in Array(Set(ids)).chunked(500) {
            for account in try await Account.query(on: db).filter(\.$id ~~ Array(chunk)).filter(\.$archivedAt == nil)
                .field(\.$id).field(\.$name).field(\.$owner.$id).all() {
                found[try account.requireID()] = (account.name, account.$owner.id)
            }
        }
        return found
    }

    /// Active accounts with exactly this name (at most `limit`), for imports that name accounts rather than give ids.
    func activeAccounts(named name: String, limit: Int = 2) async throws -> [UUID] {
        try await Account.query(on: db).filter(\.$name == name).filter(\.$archivedAt == nil).limit(limit).field(\.$id).all().compactMap(\.id)
    }

    /// A contact as mail written to them addresses them: names, language, consent, owner and company.
    struct Addressee: Decodable, Sendable {
        let id: UUID
        let display_name: String
        let given_name: String?
        let language: String?
        let may_email: Bool
        let may_market: Bool
        let owner_id: UUID
        let account_id: UUID?
        let account_name: String?
    }

    /// Active contacts of active accounts (and those without one) after `after` in id order, at most `limit`; with a
    /// country (`LT`), only the people of accounts with an address there. One statement per page, so a run over every
    /// contact walks them in pages.
    func addressees(after: UUID?, limit: Int, country: String? = nil) async throws -> [Addressee] {
        let start: SQLQueryString = after.map { "AND c.id > \(bind: $0)" } ?? ""
        var inCountry: SQLQueryString = ""
        if let country {
            // Addresses are one JSON value per account: an array of JSONB on PostgreSQL, JSON text on SQLite.
            inCountry = db.sql.dialect.name == "postgresql"
                ? "AND EXISTS (SELECT 1 FROM unnest(a.addresses) AS address WHERE address->>'country' = \(bind: country))"
                : "AND EXISTS (SELECT 1 FROM json_each(a.addresses) AS address WHERE json_extract(address.value, '$.country') = \(bind: country))"
        }
        return try await db.sql.raw("""
            SELECT c.id, c.display_name, c.given_name, c.language, c.may_email, c.may_market, c.owner_id, c.account_id, a.name AS account_name
            FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id
            WHERE c.archived_at IS NULL AND a.archived_at IS NULL \(start) \(inCountry)
            ORDER BY c.id LIMIT \(unsafeRaw: String(limit))
            """).all(decoding: Addressee.self)
    }

    /// What interactions and mail need to know about a contact: who they are, where they belong, what they agreed to.
    struct ContactFacts: Sendable {
        let id: UUID
        let name: String
        let accountID: UUID?
        let ownerID: UUID
        let isArchived: Bool
        let mayEmail: Bool
        let mayCall: Bool
    }

    func contacts(_ ids: some Collection<UUID>) async throws -> [ContactFacts] {
        ids.isEmpty ? [] : try await Contact.query(on: db).filter(\.$id ~~ Set(ids)).all().map(Self.facts)
    }

    func contact(_ id: UUID?) async throws -> ContactFacts? {
        guard let id else { return nil }
        return try await contacts([id]).first
    }

    /// The contact, or a 404 naming it.
    func requireContact(_ id: UUID) async throws -> ContactFacts {
        guard let contact = try await contact(id) else { throw APIError.notFound("This contact") }
        return contact
    }

    /// Who the email addresses (normalised) belong to: the active contacts having them, and the accounts that have
    /// them as their own address.
    func owners(ofEmails addresses: some Collection<String>) async throws -> (contacts: [ContactFacts], accountIDs: [UUID]) {
        guard !addresses.isEmpty else { return ([], []) }
        let points = try await ContactPoint.query(on: db).filter(\.$kind == "email").filter(\.$normalized ~~ Set(addresses)).all()
        let contacts = try await self.contacts(Set(points.compactMap(\.$contact.id))).filter { !$0.isArchived }
        return (contacts, points.compactMap(\.$account.id))
    }

    /// The contact's email addresses in their order, the first the one to write to.
    func emailAddresses(ofContact id: UUID) async throws -> [String] {
        try await ContactPoint.query(on: db).filter(\.$contact.$id == id).filter(\.$kind == "email").sort(\.$position).all().map(\.normalized)
    }

    /// Each contact's first email address (normalised), in one statement; contacts without one are absent.
    func firstEmailAddresses(ofContacts ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var first = [UUID: String]()
        // By contact only: with `kind` in the query SQLite walks the index of every email address instead (2.5 s for
        // 500 contacts among a million); a contact has a handful of points, so the others are dropped here.
        for point in try await ContactPoint.query(on: db).filter(\.$contact.$id ~~ ids).sort(\.$position).all() where point.kind == "email" {
            if let contactID = point.$contact.id, first[contactID] == nil { first[contactID] = point.normalized }
        }
        return first
    }

    private static func facts(_ contact: Contact) -> ContactFacts {
        ContactFacts(id: contact.id!, name: contact.displayName, accountID: contact.$account.id, ownerID: contact.$owner.id,
                     isArchived: contact.archivedAt != nil, mayEmail: contact.mayEmail, mayCall: contact.mayCall)
    }

    /// The account's active people, by name, for pickers.
    func people(ofAccount accountID: UUID, limit: Int = 500) async throws -> [(id: UUID, name: String)] {
        try await Contact.query(on: db).filter(\.$account.$id == accountID).filter(\.$archivedAt == nil)
            .sort(\.$displayName).field(\.$id).field(\.$displayName).limit(limit).all().map { ($0.id!, $0.displayName) }
    }
}
