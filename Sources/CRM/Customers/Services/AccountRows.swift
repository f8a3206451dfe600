import CRMCore
import Fluent
import SQLKit
import Vapor

/// Accounts as the API, lists and cards show them: one statement with the names of their people, one for their
/// phones and emails, decoded without models (see `ContactRows`).
enum AccountRows {
    private struct Row: Decodable {
        let id: UUID
        let name: String
        let kind: String
        let industry: String?
        let size_band: String?
        let website: String?
        let parent_id: UUID?
        let owner_id: UUID
        let owner_name: String?
        let addresses: [AddressValue]
        let business_notes: String?
        let annual_volume_minor: Int64?
        let typical_price_minor: Int64?
        let currency: String?
        let sales_goals: String?
        let product_usage: String?
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

    /// The accounts with these ids, in this order; ids of no account are left out.
    static func dtos(_ ids: [UUID], on db: any Database) async throws -> [AccountDTO] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.sql.raw("""
            SELECT a.id, a.name, a.kind, a.industry, a.size_band, a.website, a.parent_id, a.owner_id, o.name AS owner_name,
                   a.addresses, a.business_notes, a.annual_volume_minor, a.typical_price_minor, a.currency, a.sales_goals,
                   a.product_usage, a.tags, a.created_by_id, cb.name AS created_by_name, a.updated_by_id,
                   ub.name AS updated_by_name, a.created_at, a.updated_at, a.archived_at, a.version
            FROM accounts a
            LEFT JOIN users o ON o.id = a.owner_id
            LEFT JOIN users cb ON cb.id = a.created_by_id
            LEFT JOIN users ub ON ub.id = a.updated_by_id
            WHERE a.id IN (\(binds: ids))
            """).all(decoding: Row.self)
        let points = try await CustomerSideTables.points(ofAccounts: ids, on: db)
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { id in
            byID[id].map { row in
                AccountDTO(
                    id: row.id, name: row.name, kind: row.kind, industry: row.industry, sizeBand: row.size_band, website: row.website,
                    parentId: row.parent_id, owner: UserRef(id: row.owner_id, name: row.owner_name), addresses: row.addresses,
                    points: points[id] ?? CustomerSideTables.Points(), businessNotes: row.business_notes,
                    annualPurchaseVolumeMinor: row.annual_volume_minor, typicalPriceMinor: row.typical_price_minor, currency: row.currency,
                    salesGoals: row.sales_goals, productUsage: row.product_usage, tags: row.tags,
                    createdBy: UserRef(id: row.created_by_id, name: row.created_by_name), updatedBy: UserRef(id: row.updated_by_id, name: row.updated_by_name),
                    createdAt: row.created_at, updatedAt: row.updated_at, archivedAt: row.archived_at, version: row.version)
            }
        }
    }
}
