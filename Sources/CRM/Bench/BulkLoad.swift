import FluentSQLiteDriver
import SQLKit

/// Writes many rows with one multi-row INSERT per call, in call order, while the caller prepares the next rows:
/// at most one statement runs and one waits, so making rows and writing them use both cores.
struct BulkWriter {
    let sql: any SQLDatabase
    private var inFlight: Task<Void, any Error>?

    init(sql: any SQLDatabase) {
        self.sql = sql
    }

    mutating func insert(into table: String, columns: [String], rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        let run: @Sendable () async throws -> Void
        if let sqlite = sql as? any SQLiteDatabase {
            // Straight to the connection: the statement text and values are made here, beside the running statement.
            let encoder = SQLiteDataEncoder()
            let binds = try rows.flatMap { try $0.map { try encoder.encode($0) } }
            let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
            let text = "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ","))) VALUES "
                + Array(repeating: row, count: rows.count).joined(separator: ",")
            run = { try await sqlite.query(text, binds) { _ in } }
        } else {
            let builder = sql.insert(into: table).columns(columns)
            for row in rows { builder.values(row) }
            let statement = builder.insert
            let sql = sql
            run = { try await sql.execute(sql: statement) { _ in } }
        }
        let previous = inFlight
        inFlight = Task {
            try await previous?.value
            try await run()
        }
        try await previous?.value
    }

    mutating func finish() async throws {
        try await inFlight?.value
        inFlight = nil
    }

    /// A value that is the same in every row, encoded once for SQLite (JSON columns would otherwise be encoded per row).
    func constant(_ value: some Encodable & Sendable) throws -> any Encodable & Sendable {
        sql.dialect.name == "sqlite" ? try SQLiteDataEncoder().encode(value) : value
    }
}

/// On SQLite, drops the secondary indexes and triggers of some tables while `load` runs and re-creates them from
/// their stored definitions afterwards: building an index once from all rows is many times faster than growing it
/// row by row. Run it inside a transaction, so a failed load leaves the schema as it was.
enum DeferredIndexes {
    static func around(tables: [String], on sql: any SQLDatabase, _ load: () async throws -> Void) async throws {
        guard sql.dialect.name == "sqlite" else { return try await load() }
        let list = SQLList(tables.map { SQLLiteral.string($0) })
        let rows = try await sql.raw("""
            SELECT type, name, sql FROM sqlite_master
            WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (\(list))
            ORDER BY type, name
            """).all()
        let definitions = try rows.map { row in
            (type: try row.decode(column: "type", as: String.self), name: try row.decode(column: "name", as: String.self),
             sql: try row.decode(column: "sql", as: String.self))
        }
        for definition in definitions {
            try await sql.raw("DROP \(unsafeRaw: definition.type.uppercased()) \(ident: definition.name)").run()
        }
        try await load()
        for definition in definitions {
            try await sql.raw(SQLQueryString(definition.sql)).run()
        }
    }
}


/// SQLite settings for one connection during a bulk load: no per-row foreign-key probes (the loader writes parents
/// before children) and helper threads for sorting while indexes are built.
enum SQLiteBulkMode {
    static func around(_ sql: any SQLDatabase, _ body: () async throws -> Void) async throws {
        guard sql.dialect.name == "sqlite" else { return try await body() }
        try await sql.raw("PRAGMA foreign_keys = OFF").run()
        try await sql.raw("PRAGMA threads = 2").run()
        do {
            try await body()
        } catch {
            try? await sql.raw("PRAGMA foreign_keys = ON").run()
            throw error
        }
        try await sql.raw("PRAGMA foreign_keys = ON").run()
    }
}
