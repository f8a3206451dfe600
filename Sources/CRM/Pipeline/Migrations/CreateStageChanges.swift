import Fluent
import SQLKit

struct CreateStageChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StageChange.schema)
            .id()
            .field("opportunity_id", .uuid, .required, .references(Opportunity.schema, .id, onDelete: .cascade))
            .field("from_stage_id", .uuid, .references(PipelineStage.schema, .id))
            .field("to_stage_id", .uuid, .required, .references(PipelineStage.schema, .id))
            .field("user_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("changed_at", .datetime, .required)
            .field("left_at", .datetime)
            .field("seconds_in_stage", .int64)
            .create()
        try await database.sql.create(index: "opportunity_stage_changes_opportunity")
            .on(StageChange.schema).column("opportunity_id").column("changed_at").run()
        try await database.sql.create(index: "opportunity_stage_changes_changed_at")
            .on(StageChange.schema).column("changed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StageChange.schema).delete()
    }
}
