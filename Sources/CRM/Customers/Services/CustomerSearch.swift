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
    /// Country of numbers written without `+country`, so a number reads as caller lookup reads it.
    var defaultCountry = "US"

    /// One page of results. A ranking is read from the top, so its cursor is a position in it rather than a row (`Keyset`).
    func page(_ query: String, paging: PageRequest) async throws -> ListPage<Hit> {
        var offset = 0
        if let after = paging.after {
            guard after.id == "offset", let value = Int(after.key), value >= 0 else {
                throw APIError.badRequest("The cursor does not belong to a search.", fields: ["cursor": "is not a search cursor"])
            }
            offset = value
        }
        let (hits, more) = try await search(query, limit: paging.limit, offset: offset)
        return ListPage(items: hits, nextCursor: more ? PageCursor(key: String(offset + paging.limit), id: "offset").encoded : nil)
    }

    /// `offset` paging: search results are read from the top. Matches are gathered tier by tier, exact and prefix
    /// matches from one ordered index range, then substrings from the trigram index, each only as far as the page needs.
    func search(_ query: String, limit: Int, offset: Int) async throws -> (hits: [Hit], more: Bool) {
        let phoneDigits = SearchText.phoneDigits(ofQuery: query)
        let needle = phoneDigits ?? SearchText.fold(query)
        guard !needle.isEmpty else { return ([], false) }
        let wanted = offset + limit + 1
        var found: [Match] = []
        // A number written nationally ("8 5 260 6083") has other digits than the stored E.164 one (37052606083):
        // its E.164 digits find it exactly, as caller lookup does; the digits as typed still find parts of numbers.
        if phoneDigits != nil, let number = try? PhoneNumber(query, defaultCountry: defaultCountry),
           case let digits = String(number.e164.dropFirst()), digits != needle {
            found = try await gather(wanted, after: []) { try await startingWith(digits, tails: false, limit: $0) }
                .filter { $0.rank == .exact }
        }
        if found.count < wanted {
            found += try await gather(wanted - found.count, after: found) { try await startingWith(needle, tails: false, limit: $0) }
        }
        if found.count < wanted {
            let substrings = needle.unicodeScalars.count >= SearchText.substringMinimum
                ? try await gather(wanted - found.count, after: found) { try await containing(needle, limit: $0) }
                : try await gather(wanted - found.count, after: found) { try await startingWith(needle, tails: true, limit: $0) }
            found += substrings.map { Match(type: $0.type, id: $0.id, rank: .substring) }
        }
        let hits = try await describe(Array(found.dropFirst(offset).prefix(limit)))
        return (hits, found.count > offset + limit)
    }

    /// Active accounts whose name, or a word of it, starts with what was typed: the account pickers' type-ahead.
    /// One ordered index range of the search entries, and one query for the names.
    func accounts(startingWith query: String, limit: Int) async throws -> [Hit] {
        let needle = SearchText.fold(query)
        guard !needle.isEmpty else { return [] }
        return try await describe(try await gather(limit, after: []) { try await accountsStartingWith(needle, limit: $0) })
    }

    /// The hits for matches, in their order: only the few columns a hit shows, in one query, without building models.
    private func describe(_ shown: [Match]) async throws -> [Hit] {
        let shownAccounts = shown.filter { $0.type == "account" }.map(\.id)
        let shownContacts = shown.filter { $0.type == "contact" }.map(\.id)
        var parts: [SQLQueryString] = []
        if !shownAccounts.isEmpty {
            parts.append("SELECT id, name, industry AS detail, NULL AS account_name FROM accounts WHERE id IN (\(binds: shownAccounts))")
        }
        if !shownContacts.isEmpty {
            parts.append("""
                SELECT c.id, c.display_name AS name, c.title AS detail, a.name AS account_name
                FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id WHERE c.id IN (\(binds: shownContacts))
                """)
        }
        var described: [UUID: (name: String, detail: String?)] = [:]
        if !parts.isEmpty {
            for row in try await sql.raw(parts.joined(separator: " UNION ALL ")).all() {
                let detail = [try row.decode(column: "detail", as: String?.self), try row.decode(column: "account_name", as: String?.self)]
                    .compactMap { $0 }.joined(separator: " · ")
                described[try row.decode(column: "id", as: UUID.self)] = (try row.decode(column: "name", as: String.self), detail.isEmpty ? nil : detail)
            }
        }
        return shown.compactMap { match in
            described[match.id].map { Hit(type: match.type, id: match.id, name: $0.name, detail: $0.detail, rank: "\(match.rank)") }
        }
    }

    private struct Match {
        let type: String
        let id: UUID
        var rank: SearchText.Rank

        init(type: String, id: UUID, rank: SearchText.Rank) {
            self.type = type
            self.id = id
            self.rank = rank
        }

        /// From a row of search entries.
        init(_ row: any SQLRow, rank: SearchText.Rank) throws {
            self.init(type: try row.decode(column: "subject_type", as: String.self), id: try row.decode(column: "subject_id", as: UUID.self), rank: rank)
        }
    }

    /// The first `wanted` subjects of a tier not already found, reading more rows while repeats crowd them out.
    private func gather(_ wanted: Int, after earlier: [Match], fetch: (Int) async throws -> [Match]) async throws -> [Match] {
        var batch = max(wanted * 4, 64)
        while true {
            let rows = try await fetch(batch)
            var seen = Set(earlier.map { "\($0.type)/\($0.id)" })
            var picked: [Match] = []
            for row in rows where seen.insert("\(row.type)/\(row.id)").inserted {
                picked.append(row)
                if picked.count == wanted { return picked }
            }
            if rows.count < batch { return picked }
            batch *= 4
        }
    }

    /// Entries equal to the needle, then those starting with it, in index order (term, then name, kind, entry);
    /// either words and whole values, or the tails of words in spaceless scripts.
    private func startingWith(_ needle: String, tails: Bool, limit: Int) async throws -> [Match] {
        let rows = try await sql.raw("""
            SELECT subject_type, subject_id, term FROM search_entries
            WHERE is_archived = \(bind: false) AND term >= \(bind: needle) AND term < \(bind: SearchText.upperBound(ofPrefix: needle))
              AND \(unsafeRaw: tails ? "part = 2" : "part < 2")
            ORDER BY term, sort_name, part, id
            LIMIT \(bind: limit)
            """).all()
        return try rows.map { row in try Match(row, rank: try row.decode(column: "term", as: String.self) == needle ? .exact : .prefix) }
    }

    /// Active accounts' names and words starting with the needle, by term and name, from the partial index
    /// `search_entries_accounts` (its conditions spelled out as literals, which a partial index needs; SQLite is told
    /// to use it, as without statistics it prefers the whole index and sorts).
    private func accountsStartingWith(_ needle: String, limit: Int) async throws -> [Match] {
        let indexed = sql.dialect.name == "sqlite" ? " INDEXED BY search_entries_accounts" : ""
        let rows = try await sql.raw("""
            SELECT subject_type, subject_id, term FROM search_entries\(unsafeRaw: indexed)
            WHERE \(unsafeRaw: IndexAccountNamesForTypeAhead.condition(sql.dialect.name))
              AND term >= \(bind: needle) AND term < \(bind: SearchText.upperBound(ofPrefix: needle))
            ORDER BY term, sort_name, subject_id
            LIMIT \(bind: limit)
            """).all()
        return try rows.map { row in try Match(row, rank: try row.decode(column: "term", as: String.self) == needle ? .exact : .prefix) }
    }

    /// Whole entries containing the needle (three characters or more), oldest entry first.
    private func containing(_ needle: String, limit: Int) async throws -> [Match] {
        let rows: [any SQLRow]
        if sql.dialect.name == "sqlite" {
            // CROSS JOIN keeps the trigram index as the outer loop, read in key order, so LIMIT stops it early.
            let phrase = "\"" + needle.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            rows = try await sql.raw("""
                SELECT e.subject_type, e.subject_id FROM search_entries_substrings CROSS JOIN search_entries e
                  ON e.id = search_entries_substrings.rowid
                WHERE search_entries_substrings MATCH \(bind: phrase) AND e.is_archived = \(bind: false)
                ORDER BY search_entries_substrings.rowid
                LIMIT \(bind: limit)
                """).all()
        } else {
            rows = try await sql.raw("""
                SELECT subject_type, subject_id FROM search_entries
                WHERE is_archived = \(bind: false) AND part = 0 AND term LIKE \(bind: "%" + SearchText.likeEscaped(needle) + "%") ESCAPE '\\'
                ORDER BY id
                LIMIT \(bind: limit)
                """).all()
        }
        return try rows.map { row in try Match(row, rank: .substring) }
    }

    private var sql: any SQLDatabase { db.sql }

    static let hitSchema = JSONSchema.object([
        ("type", .string(enumeration: ["account", "contact"])), ("id", .uuid), ("name", .string()),
        ("detail", .nullable(.string())), ("rank", .string(enumeration: ["exact", "prefix", "substring"])),
    ], required: ["type", "id", "name", "rank"])
}
