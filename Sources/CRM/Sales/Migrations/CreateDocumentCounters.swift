import Fluent
import SQLKit

/// One counter row per numbered document kind, continuing from the numbers already issued.
struct CreateDocumentCounters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DocumentNumbers.schema)
            .field("name", .string, .identifier(auto: false))
            .field("last_number", .int64, .required)
            .create()
        let sql = database.sql
        for table in [Order.schema, Invoice.schema] {
            try await sql.raw("""
                INSERT INTO \(ident: DocumentNumbers.schema) (name, last_number)
                SELECT \(bind: table), COALESCE(MAX(number), 0) FROM \(ident: table)
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DocumentNumbers.schema).delete()
    }
}
