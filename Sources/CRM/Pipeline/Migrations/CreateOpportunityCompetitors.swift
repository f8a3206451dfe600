import Fluent
import SQLKit

struct CreateOpportunityCompetitors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OpportunityCompetitor.schema)
            .id()
            .field("opportunity_id", .uuid, .required, .references(Opportunity.schema, .id, onDelete: .cascade))
            .field("competitor", .string, .required)
            .field("offer", .string)
            .field("price_minor", .int64)
            .field("rep", .string)
            .field("assessment", .string)
            .create()
        try await database.sql.create(index: "opportunity_competitors_opportunity_id")
            .on(OpportunityCompetitor.schema).column("opportunity_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OpportunityCompetitor.schema).delete()
    }
}
