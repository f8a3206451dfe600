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
        pages.get(Site.board, use: PipelinePagesController.board)
        pages.get(Site.forecast, use: ForecastPage.show)
        pages.get(Site.forecastCSV, use: ForecastPage.csv)
        pages.get(Site.deals, use: PipelinePagesController.list)
        pages.get(Site.dealNew, use: PipelinePagesController.new)
        RecordPages<DealResource>.register(on: pages)
        pages.get(Site.deal, use: PipelinePagesController.show)
        pages.get(Site.dealEdit, use: PipelinePagesController.edit)
        pages.post(Site.dealMove, use: PipelinePagesController.move)
        pages.get(Site.pipelines, use: PipelineAdminPage.show)
        pages.post(Site.pipelines, use: PipelineAdminPage.createPipeline)
        pages.post(Site.pipelineStages, use: PipelineAdminPage.addStage)
        pages.post(Site.stage, use: PipelineAdminPage.updateStage)
        pages.post(Site.stageMove, use: PipelineAdminPage.moveStage)
        pages.post(Site.stageRemove, use: PipelineAdminPage.removeStage)
    }
}
