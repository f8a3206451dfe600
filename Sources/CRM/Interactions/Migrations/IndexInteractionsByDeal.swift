import Fluent
import SQLKit

/// A deal's page lists the interactions logged against it, newest first, straight off this index.
struct IndexInteractionsByDeal: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.create(index: "interactions_deal_time").on(Interaction.schema)
            .column("opportunity_id").column("occurred_at").column("id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "interactions_deal_time").run()
    }
}
