import Fluent
import SQLKit

/// The first search index, replaced by `CreateSearchEntries`; kept so that existing installations migrate in order.
struct CreateSearchTerms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("search_terms")
            .id()
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("term", .string, .required)
            .field("sort_name", .string, .required)
            .field("is_archived", .bool, .required)
            .create()
        let sql = database.sql
        // Exact and prefix matches use this index; substring matches scan the (short) terms.
        try await sql.create(index: "search_terms_term").on("search_terms").column("term").run()
        try await sql.create(index: "search_terms_subject").on("search_terms").column("subject_type").column("subject_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("search_terms").delete()
    }
}
