import CRMCore
import Fluent
import SQLKit
import Vapor

/// Contacts as the API, lists and cards show them, read with the names of their account and people in one
/// statement and decoded straight from the rows, with their phones and emails in a second: models with four eager
/// loads each cost about a third of a millisecond a row, which a list of 100 pays on every page.
enum ContactRows {
    private struct Row: Decodable {
        let id: UUID
        let account_id: UUID?
        let account_name: String?
        let given_name: String?
        let family_name: String?
        let display_name: String
        let title: String?
        let department: String?
        let preferred_channel: String?
        let buying_role: String?
        let profile: PersonalProfileValue
        let social_profiles: [SocialProfileValue]
        let language: String?
        let may_email: Bool
        let may_call: Bool
        let may_market: Bool
        let owner_id: UUID
        let owner_name: String?
        let tags: [String]
        let created_by_id: UUID?
        let created_by_name: String?
        let updated_by_id: UUID?
        let updated_by_name: String?
        let created_at: Date?
        let updated_at: Date?
        let archived_at: Date?
        let version: Int
    }

    /// The contacts with these ids, in this order; ids of no contact are left out.
    static func dtos(_ ids: [UUID], on db: any Database) async throws -> [ContactDTO] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.sql.raw("""
            SELECT c.id, c.account_id, a.name AS account_name, c.given_name, c.family_name, c.display_name, c.title,
                   c.department, c.preferred_channel, c.buying_role, c.profile, c.social_profiles, c.language, c.may_email,
                   c.may_call, c.may_market, c.owner_id, o.name AS owner_name, c.tags, c.created_by_id,
                   cb.name AS created_by_name, c.updated_by_id, ub.name AS updated_by_name, c.created_at, c.updated_at,
                   c.archived_at, c.version
            FROM contacts c
            LEFT JOIN accounts a ON a.id = c.account_id
            LEFT JOIN users o ON o.id = c.owner_id
            LEFT JOIN users cb ON cb.id = c.created_by_id
            LEFT JOIN users ub ON ub.id = c.updated_by_id
            WHERE c.id IN (\(binds: ids))
            """).all(decoding: Row.self)
        let points = try await CustomerSideTables.points(ofContacts: ids, on: db)
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { id in
            byID[id].map { row in
                ContactDTO(
                    id: row.id, account: row.account_id.flatMap { id in row.account_name.map { AccountRef(id: id, name: $0) } },
                    givenName: row.given_name, familyName: row.family_name, displayName: row.display_name, title: row.title,
                    department: row.department, points: points[id] ?? CustomerSideTables.Points(), preferredChannel: row.preferred_channel,
                    buyingRole: row.buying_role, profile: row.profile, socialProfiles: row.social_profiles, language: row.language,
                    mayEmail: row.may_email, mayCall: row.may_call, mayMarket: row.may_market,
                    owner: UserRef(id: row.owner_id, name: row.owner_name), tags: row.tags,
                    createdBy: UserRef(id: row.created_by_id, name: row.created_by_name),
                    updatedBy: UserRef(id: row.updated_by_id, name: row.updated_by_name),
                    createdAt: row.created_at, updatedAt: row.updated_at, archivedAt: row.archived_at, version: row.version)
            }
        }
    }
}
