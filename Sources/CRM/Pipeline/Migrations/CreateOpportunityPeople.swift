import Fluent

struct CreateOpportunityPeople: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OpportunityPerson.schema)
            .id()
            .field("opportunity_id", .uuid, .required, .references(Opportunity.schema, .id, onDelete: .cascade))
            .field("contact_id", .uuid, .required, .references(Contact.schema, .id, onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "opportunity_id", "contact_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OpportunityPerson.schema).delete()
    }
}
