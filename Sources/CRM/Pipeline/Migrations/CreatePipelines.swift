import Fluent

struct CreatePipelines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Pipeline.schema)
            .id()
            .field("name", .string, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Pipeline.schema).delete()
    }
}
