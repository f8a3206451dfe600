import Logging
import SQLKit

/// The trigram index that finds whole search entries (names, emails, numbers) containing a query of three or
/// more characters, without reading every entry: SQLite's FTS5 trigram tokenizer kept in step by triggers, or
/// PostgreSQL's `pg_trgm` GIN index. Without `pg_trgm` PostgreSQL still answers, by reading every entry.
enum SubstringIndex {
    static let table = "search_entries_substrings"

    static func create(on sql: any SQLDatabase, logger: Logger) async throws {
        if sql.dialect.name == "postgresql" {
            guard let schema = try await trigramSchema(on: sql, logger: logger) else { return }
            try await sql.raw("""
                CREATE INDEX \(ident: table) ON search_entries USING gin (term \(ident: schema).gin_trgm_ops) WHERE part = 0
                """).run()
            return
        }
        try await sql.raw("""
            CREATE VIRTUAL TABLE \(ident: table) USING fts5(term, content='search_entries', content_rowid='id', tokenize='trigram')
            """).run()
        for statement in sqliteTriggers { try await sql.raw(SQLQueryString(statement)).run() }
    }

    /// Indexes entries stored while the triggers were absent (an upgrade, or a bulk load).
    static func fill(on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "sqlite" else { return }
        // In row id order: FTS5 writes out what it holds whenever a row id is not above the last one.
        try await sql.raw("INSERT INTO \(ident: table) (rowid, term) SELECT id, term FROM search_entries WHERE part = 0 ORDER BY id").run()
    }

    static func drop(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: table)").run()
        } else {
            for trigger in ["search_entries_ai", "search_entries_ad", "search_entries_au"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(ident: trigger)").run()
            }
            try await sql.raw("DROP TABLE IF EXISTS \(ident: table)").run()
        }
    }

    /// An external-content FTS5 table holds only the index; these keep it equal to the whole entries.
    static let sqliteTriggers = [
        """
        CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries WHEN new.part = 0 BEGIN
          INSERT INTO search_entries_substrings (rowid, term) VALUES (new.id, new.term);
        END
        """,
        """
        CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries WHEN old.part = 0 BEGIN
          INSERT INTO search_entries_substrings (search_entries_substrings, rowid, term) VALUES ('delete', old.id, old.term);
        END
        """,
        """
        CREATE TRIGGER search_entries_au AFTER UPDATE OF term, part ON search_entries BEGIN
          INSERT INTO search_entries_substrings (search_entries_substrings, rowid, term)
            SELECT 'delete', old.id, old.term WHERE old.part = 0;
          INSERT INTO search_entries_substrings (rowid, term) SELECT new.id, new.term WHERE new.part = 0;
        END
        """,
    ]

    /// The schema holding `pg_trgm`, installing it when the server offers it (it is a trusted extension, so the
    /// database owner may); nil, with a warning, when it cannot be had.
    private static func trigramSchema(on sql: any SQLDatabase, logger: Logger) async throws -> String? {
        let query: SQLQueryString = """
            SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'
            """
        if let row = try await sql.raw(query).first() { return try row.decode(column: "schema", as: String.self) }
        do {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public").run()
        } catch {
            // Another connection may have installed it meanwhile; otherwise search works, only slower.
            if let row = try await sql.raw(query).first() { return try row.decode(column: "schema", as: String.self) }
            logger.warning("PostgreSQL extension pg_trgm is not available (\(String(reflecting: error))); substring search will read every entry")
            return nil
        }
        return try await sql.raw(query).first()?.decode(column: "schema", as: String.self)
    }
}
