import Fluent
import SQLKit

/// The account pickers' type-ahead reads active accounts' names and words by prefix. In the whole search index they
/// are a tenth of the entries, so a one-letter prefix had to skip many contacts' entries; this partial index holds
/// only theirs, in the order the suggestions are shown.
struct IndexAccountNamesForTypeAhead: AsyncMigration {
    /// The index's condition, which a query must repeat literally for the database to use the index
    /// (SQLite keeps booleans as 0 and 1).
    static func condition(_ dialect: String) -> String {
        "subject_type = 'account' AND part < 2 AND is_archived = " + (dialect == "sqlite" ? "0" : "false")
    }

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await sql.raw("""
            CREATE INDEX search_entries_accounts ON search_entries (term, sort_name, subject_id) \
            WHERE \(unsafeRaw: Self.condition(sql.dialect.name))
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "search_entries_accounts").run()
    }
}
