import CRMCore
import Foundation
import FluentSQLiteDriver
import SQLKit

/// One column value of a bulk insert. A closed set of types, so rows are made without boxing each value and written
/// to SQLite without a dynamic cast or an encoder per value (together most of the cost of making a row).
enum BulkValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    case text(String)
    case integer(Int)
    case bool(Bool)
    case uuid(UUID?)
    /// NULL in a text column.
    case noText
    /// A value encoded once for all rows (JSON columns, dates), for SQLite already in its stored form.
    case constant(sqlite: SQLiteData, value: any Encodable & Sendable)

    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int) { self = .integer(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    /// As `SQLiteDataEncoder` would store it.
    var sqlite: SQLiteData {
        switch self {
        case let .text(text): .text(text)
        case let .integer(number): .integer(number)
        case let .bool(flag): .integer(flag ? 1 : 0)
        case let .uuid(id): id.map { .text($0.uppercaseText) } ?? .null
        case .noText: .null
        case let .constant(sqlite, _): sqlite
        }
    }

    var bind: any Encodable & Sendable {
        switch self {
        case let .text(text): text
        case let .integer(number): number
        case let .bool(flag): flag
        case let .uuid(id): id
        case .noText: String?.none
        case let .constant(_, value): value
        }
    }

    static func constant(_ value: some Encodable & Sendable) throws -> BulkValue {
        .constant(sqlite: try SQLiteDataEncoder().encode(value), value: value)
    }
}

/// Writes many rows with one multi-row INSERT per call, in call order, while the caller prepares the next rows:
/// at most one statement runs and one waits, so making rows and writing them use both cores.
struct BulkWriter {
    let sql: any SQLDatabase
    private var inFlight: Task<Void, any Error>?

    init(sql: any SQLDatabase) {
        self.sql = sql
    }

    mutating func insert(into table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        let run: @Sendable () async throws -> Void
        if let sqlite = sql as? any SQLiteDatabase {
            // Straight to the connection: the statement text and values are made here, beside the running statement.
            var binds: [SQLiteData] = []
            binds.reserveCapacity(rows.count * columns.count)
            for row in rows { for value in row { binds.append(value.sqlite) } }
            let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
            let text = "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ","))) VALUES "
                + Array(repeating: row, count: rows.count).joined(separator: ",")
            run = { [binds] in try await sqlite.query(text, binds) { _ in } }
        } else {
            let builder = sql.insert(into: table).columns(columns)
            for row in rows { builder.values(row.map(\.bind)) }
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
}

/// On SQLite, drops the secondary indexes and triggers of some tables while `load` runs and re-creates them from
/// their stored definitions afterwards: building an index once from all rows is many times faster than growing it
/// row by row. Indexes named in `keeping` stay: the load writes their keys in ascending order, so they only grow at
/// their end, which costs less than sorting them afterwards. Run it inside a transaction, so a failed load leaves
/// the schema as it was.
enum DeferredIndexes {
    static func around(tables: [String], keeping: [String] = [], on sql: any SQLDatabase, _ load: () async throws -> Void) async throws {
        guard sql.dialect.name == "sqlite" else { return try await load() }
        let list = SQLList(tables.map { SQLLiteral.string($0) })
        let kept = SQLList((keeping.isEmpty ? [""] : keeping).map { SQLLiteral.string($0) })
        let rows = try await sql.raw("""
            SELECT type, name, sql FROM sqlite_master
            WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (\(list)) AND name NOT IN (\(kept))
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
/// before children), helper threads for the sorts that build indexes, and a rollback journal instead of the write-ahead log. Loading into an empty file, a rollback
/// journal has almost nothing to save, while the log would take every page once more and copy it back at the end.
/// Leaving WAL needs the only connection to the file: the caller closes the others first.
enum SQLiteBulkMode {
    static func around(_ sql: any SQLDatabase, _ body: () async throws -> Void) async throws {
        guard sql.dialect.name == "sqlite" else { return try await body() }
        try await sql.raw("PRAGMA foreign_keys = OFF").run()
        try await sql.raw("PRAGMA threads = 2").run()
        let journal = try await sql.raw("PRAGMA journal_mode").first(decoding: [String: String].self)?.values.first ?? "delete"
        if journal == "wal" { try await sql.raw("PRAGMA journal_mode = DELETE").run() }
        do {
            try await body()
        } catch {
            try? await restore(sql, journal: journal)
            throw error
        }
        try await restore(sql, journal: journal)
    }

    private static func restore(_ sql: any SQLDatabase, journal: String) async throws {
        if journal == "wal" { try await sql.raw("PRAGMA journal_mode = WAL").run() }
        try await sql.raw("PRAGMA foreign_keys = ON").run()
    }
}
