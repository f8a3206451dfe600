import CRMCore
import Fluent
import SQLKit
import Vapor

/// Quick search across account names, contact names, emails and phone numbers, ranked
/// exact before prefix before substring, then by name.
struct CustomerSearch {
    struct Hit: Content, Equatable {
        /// `account` or `contact`.
        let type: String
        let id: UUID
        let name: String
        /// A second line: the contact's account and title, or the account's industry.
        let detail: String?
        let rank: String
    }

    let db: any Database

    /// `offset` paging: search results are read from the top, and ranks are computed, not indexed.
    func search(_ query: String, limit: Int, offset: Int) async throws -> (hits: [Hit], more: Bool) {
        let needle = SearchText.phoneDigits(ofQuery: query) ?? SearchText.fold(query)
        guard !needle.isEmpty else { return ([], false) }
        let escaped = SearchText.likeEscaped(needle)
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("""
            SELECT subject_type, subject_id,
                   MIN(CASE WHEN term = \(bind: needle) THEN 0 WHEN term LIKE \(bind: escaped + "%") ESCAPE '\\' THEN 1 ELSE 2 END) AS match_rank,
                   MIN(sort_name) AS sort_name
            FROM search_terms
            WHERE is_archived = \(bind: false) AND term LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'
            GROUP BY subject_type, subject_id
            ORDER BY match_rank, sort_name, subject_id
            LIMIT \(bind: limit + 1) OFFSET \(bind: offset)
            """).all()
        let found = try rows.map { row in
            (type: try row.decode(column: "subject_type", as: String.self),
             id: try row.decode(column: "subject_id", as: UUID.self),
             rank: try row.decode(column: "match_rank", as: Int.self))
        }
        let shown = found.prefix(limit)
        let accounts = try await Account.query(on: db).filter(\.$id ~~ shown.filter { $0.type == "account" }.map(\.id)).all()
        let contacts = try await Contact.query(on: db).filter(\.$id ~~ shown.filter { $0.type == "contact" }.map(\.id)).with(\.$account).all()
        let hits = shown.compactMap { match -> Hit? in
            let rank = SearchText.Rank(rawValue: match.rank).map { "\($0)" } ?? "substring"
            if match.type == "account", let account = accounts.first(where: { $0.id == match.id }) {
                return Hit(type: "account", id: match.id, name: account.name, detail: account.industry, rank: rank)
            }
            if let contact = contacts.first(where: { $0.id == match.id }) {
                let detail = [contact.title, contact.account?.name].compactMap { $0 }.joined(separator: " · ")
                return Hit(type: "contact", id: match.id, name: contact.displayName, detail: detail.isEmpty ? nil : detail, rank: rank)
            }
            return nil
        }
        return (hits, found.count > limit)
    }

    static let hitSchema = JSONSchema.object([
        ("type", .string(enumeration: ["account", "contact"])), ("id", .uuid), ("name", .string()),
        ("detail", .nullable(.string())), ("rank", .string(enumeration: ["exact", "prefix", "substring"])),
    ], required: ["type", "id", "name", "rank"])
}
