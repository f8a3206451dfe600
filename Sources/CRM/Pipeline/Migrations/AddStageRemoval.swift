import Fluent

/// A removed stage stays in the table so the stage history of deals that passed through it keeps its name;
/// it leaves the board, the forms and the admin page.
struct AddStageRemoval: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PipelineStage.schema).field("removed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PipelineStage.schema).deleteField("removed_at").update()
    }
}
