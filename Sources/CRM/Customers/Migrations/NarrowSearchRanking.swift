import Fluent
import SQLKit

/// The ranked search index without the subject columns. A page of hits reads its few subjects from the table, and
/// the index is half as large: building it was a third of loading a million contacts.
/// SQLite ends every index entry with the row id already; PostgreSQL needs `id` named to order by it.
struct NarrowSearchRanking: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await sql.drop(index: "search_entries_ranked").run()
        let index = sql.create(index: "search_entries_ranked").on(SearchTerm.schema)
            .column("is_archived").column("term").column("sort_name").column("part")
        if sql.dialect.name == "postgresql" { index.column("id") }
        try await index.run()
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        try await sql.drop(index: "search_entries_ranked").run()
        try await sql.create(index: "search_entries_ranked").on(SearchTerm.schema)
            .column("is_archived").column("term").column("sort_name").column("subject_type").column("subject_id").column("part").run()
    }
}
