import Fluent
import SQLKit

/// Replaces `search_terms` with `search_entries`: integer keys (which SQLite's substring index refers to), the entry
/// kind, byte-order collation on PostgreSQL (so prefix ranges use the index and both databases order alike), an index
/// that answers exact and prefix matches already in result order, and the substring (trigram) index.
struct CreateSearchEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        let text: DatabaseSchema.DataType = sql.dialect.name == "postgresql" ? .custom("TEXT COLLATE \"C\"") : .string
        try await database.schema(SearchTerm.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("term", text, .required)
            .field("part", .int, .required)
            .field("sort_name", text, .required)
            .field("is_archived", .bool, .required)
            .create()
        // Earlier entries are all kept whole: that only makes them findable by substring too.
        try await sql.raw("""
            INSERT INTO search_entries (subject_type, subject_id, term, part, sort_name, is_archived)
            SELECT subject_type, subject_id, term, 0, sort_name, is_archived FROM search_terms
            """).run()
        try await database.schema("search_terms").delete()
        try await sql.create(index: "search_entries_ranked").on(SearchTerm.schema)
            .column("is_archived").column("term").column("sort_name").column("subject_type").column("subject_id").column("part").run()
        try await sql.create(index: "search_entries_subject").on(SearchTerm.schema).column("subject_type").column("subject_id").run()
        try await SubstringIndex.create(on: sql, logger: database.logger)
        try await SubstringIndex.fill(on: sql)
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        try await SubstringIndex.drop(on: sql)
        try await CreateSearchTerms().prepare(on: database)
        try await sql.raw("""
            INSERT INTO search_terms (id, subject_type, subject_id, term, sort_name, is_archived)
            SELECT \(unsafeRaw: sql.dialect.name == "postgresql" ? "gen_random_uuid()" : "randomblob(16)"), subject_type, subject_id, term, sort_name, is_archived
            FROM search_entries WHERE part < 2
            """).run()
        try await database.schema(SearchTerm.schema).delete()
    }
}
