import Fluent

struct CreatePipelineStages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PipelineStage.schema)
            .id()
            .field("pipeline_id", .uuid, .required, .references(Pipeline.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("position", .int, .required)
            .field("default_probability", .int, .required)
            .field("outcome", .string, .required)
            .field("forecast_category", .string, .required)
            .unique(on: "pipeline_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PipelineStage.schema).delete()
    }
}
