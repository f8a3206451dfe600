import Fluent
import SQLKit

struct CreateOpportunities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Opportunity.schema)
            .id()
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("pipeline_id", .uuid, .required, .references(Pipeline.schema, .id))
            .field("stage_id", .uuid, .required, .references(PipelineStage.schema, .id))
            .field("name", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("probability", .int, .required)
            .field("probability_override", .int)
            .field("outcome", .string, .required)
            .field("expected_close", .string, .required)
            .field("owner_id", .uuid, .required, .references(User.schema, .id))
            .field("source", .string)
            .field("next_step", .string)
            .field("next_step_due", .string)
            .field("problem", .string)
            .field("purchase_plan", .string)
            .field("budget_minor", .int64)
            .field("budget_confirmed", .bool, .required)
            .field("purchasing_process", .string)
            .field("signer", .string)
            .field("close_reason", .string)
            .field("closed_at", .datetime)
            .field("closed_month", .string)
            .field("cycle_days", .int)
            .field("last_activity_at", .datetime, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        let sql = database.sql
        // The board's cards: one pipeline's stage column, optionally one owner's, in close-date order.
        try await sql.create(index: "opportunities_board").on(Opportunity.schema)
            .column("pipeline_id").column("stage_id").column("owner_id").column("expected_close").run()
        try await sql.create(index: "opportunities_board_all_owners").on(Opportunity.schema)
            .column("pipeline_id").column("stage_id").column("expected_close").run()
        // The board's column totals, answered from the index alone (it holds every column they read).
        try await sql.create(index: "opportunities_totals").on(Opportunity.schema)
            .column("pipeline_id").column("stage_id").column("currency").column("amount_minor").run()
        try await sql.create(index: "opportunities_owner_totals").on(Opportunity.schema)
            .column("pipeline_id").column("owner_id").column("stage_id").column("currency").column("amount_minor").run()
        // The forecast: open deals by close month, read from the index alone; closed ones by the month they closed.
        try await sql.create(index: "opportunities_forecast_open").on(Opportunity.schema)
            .column("outcome").column("expected_close").column("stage_id").column("owner_id").column("pipeline_id")
            .column("currency").column("amount_minor").column("probability").run()
        try await sql.create(index: "opportunities_forecast_closed").on(Opportunity.schema)
            .column("outcome").column("closed_month").run()
        try await sql.create(index: "opportunities_account_id").on(Opportunity.schema).column("account_id").run()
        try await sql.create(index: "opportunities_owner_id").on(Opportunity.schema).column("owner_id").column("outcome").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Opportunity.schema).delete()
    }
}
