import Fluent
import Vapor

/// Deals (opportunities) in configurable pipelines: the board, stage history and the forecast.
enum PipelineArea: Area {
    static let migrations: [any Migration] = [
        // AddStageRemoval comes before AddDefaultPipeline, whose stage rows carry the column on a new database;
        // an existing database, which ran the others long ago, adds the column as its next migration.
        CreatePipelines(), CreatePipelineStages(), AddStageRemoval(), AddDefaultPipeline(), CreateOpportunities(), CreateOpportunityPeople(),
        CreateOpportunityCompetitors(), CreateStageChanges(),
    ]

    static var apiOperations: [APIOperation] { OpportunitiesAPIController.operations + PipelineAPIController.operations }

    static var schemas: [(String, JSONSchema)] {
        [
            ("DealPersonInput", OpportunitySchemas.person), ("DealCompetitor", OpportunitySchemas.competitor),
            ("OpportunityInput", OpportunitySchemas.input), ("Opportunity", OpportunitySchemas.opportunity),
            ("ForecastFigures", PipelineAPIController.figuresSchema),
        ]
    }

    static func routes(_ routes: AreaRoutes) throws {
        let deals = routes.api.grouped("opportunities")
        deals.get(use: OpportunitiesAPIController.list)
        RecordAPI<DealResource>.register(on: deals)
        deals.post(":opportunityID", "move", use: OpportunitiesAPIController.move)
        deals.get(":opportunityID", "history", use: OpportunitiesAPIController.history)

        routes.api.get("pipelines", use: PipelineAPIController.list)
        routes.api.post("pipelines", use: PipelineAPIController.create)
        routes.api.post("pipelines", ":pipelineID", "stages", use: PipelineAPIController.addStage)
        routes.api.get("pipelines", ":pipelineID", "analysis", use: PipelineAPIController.analysis)
        routes.api.patch("stages", ":stageID", use: PipelineAPIController.updateStage)
        routes.api.delete("stages", ":stageID", use: PipelineAPIController.removeStage)
        routes.api.get("board", use: PipelineAPIController.board)
        routes.api.get("forecast", use: PipelineAPIController.forecast)
        routes.api.get("forecast.csv", use: PipelineAPIController.forecastCSV)

        let pages = routes.pages
        pages.get("pipeline", use: PipelinePagesController.board)
        pages.get("forecast", use: ForecastPage.show)
        pages.get("forecast.csv", use: ForecastPage.csv)
        let dealPages = pages.grouped("opportunities")
        dealPages.get(use: PipelinePagesController.list)
        dealPages.get("new", use: PipelinePagesController.new)
        RecordPages<DealResource>.register(on: dealPages)
        dealPages.get(":opportunityID", use: PipelinePagesController.show)
        dealPages.get(":opportunityID", "edit", use: PipelinePagesController.edit)
        dealPages.post(":opportunityID", "move", use: PipelinePagesController.move)
        pages.get("admin", "pipelines", use: PipelineAdminPage.show)
        pages.post("admin", "pipelines", use: PipelineAdminPage.createPipeline)
        pages.post("admin", "pipelines", ":pipelineID", "stages", use: PipelineAdminPage.addStage)
        pages.post("admin", "stages", ":stageID", use: PipelineAdminPage.updateStage)
        pages.post("admin", "stages", ":stageID", "move", use: PipelineAdminPage.moveStage)
        pages.post("admin", "stages", ":stageID", "remove", use: PipelineAdminPage.removeStage)
    }
}
