import CRMCore
import Fluent
import Vapor

/// `/api/v1/pipelines` (admins configure them), `/api/v1/board` and `/api/v1/forecast`.
enum PipelineAPIController {
    /// All pipelines with their stages in order.
    @Sendable static func list(_ request: Request) async throws -> [PipelineAdmin.PipelineDTO] {
        try await PipelineAdmin(db: request.db).all()
    }

    /// Creates a pipeline with an open, a won and a lost stage (admins only).
    @Sendable static func create(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canConfigurePipelines)
        let pipeline = try await PipelineAdmin(db: request.db).createPipeline(name: try request.content.decode(PipelineAdmin.NewPipeline.self).name)
        let dto = try await PipelineAdmin(db: request.db).all().first { $0.id == pipeline.id }
        return try .json(dto, status: .created)
    }

    /// Adds a stage to a pipeline (admins only).
    @Sendable static func addStage(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canConfigurePipelines)
        let stage = try await PipelineAdmin(db: request.db).addStage(to: try request.pathUUID("pipelineID"),
                                                                      try request.content.decode(PipelineAdmin.StageInput.self))
        return try .json(PipelineAdmin.StageDTO(stage), status: .created)
    }

    /// Changes a stage's name, order, default probability, outcome or forecast category (admins only).
    @Sendable static func updateStage(_ request: Request) async throws -> PipelineAdmin.StageDTO {
        _ = try request.requireRole(\.canConfigurePipelines)
        guard let stage = try await PipelineStage.find(try request.pathUUID("stageID"), on: request.db), stage.removedAt == nil else {
            throw APIError.notFound("This stage")
        }
        try await PipelineAdmin(db: request.db).updateStage(stage, try request.content.decode(PipelineAdmin.StageInput.self))
        return PipelineAdmin.StageDTO(stage)
    }

    /// Removes a stage (admins only); one that holds deals needs `moveDealsTo`, an open stage of the same pipeline.
    @Sendable static func removeStage(_ request: Request) async throws -> HTTPStatus {
        let user = try request.requireRole(\.canConfigurePipelines)
        guard let stage = try await PipelineStage.find(try request.pathUUID("stageID"), on: request.db), stage.removedAt == nil else {
            throw APIError.notFound("This stage")
        }
        try await PipelineAdmin(db: request.db).removeStage(stage, moveDealsTo: try request.queryUUID("moveDealsTo"), actor: user,
                                                            now: request.now, baseCurrency: request.application.config.baseCurrency)
        return .noContent
    }

    /// One pipeline as board columns, optionally for one owner.
    @Sendable static func board(_ request: Request) async throws -> Board {
        let pipelineID = try await PipelineAdmin(db: request.db).pipelineID(asked: request)
        return try await Board.load(pipelineID: pipelineID, ownerID: try request.queryUUID("owner"), now: request.now,
                                    staleDays: request.application.config.staleDays, on: request.db)
    }

    /// The forecast for `from`…`to` (months, `YYYY-MM`), optionally one pipeline or owner.
    @Sendable static func forecast(_ request: Request) async throws -> Forecast {
        try await Forecast.load(request)
    }

    /// Conversion and time in stage for one pipeline over `from`…`to`.
    @Sendable static func analysis(_ request: Request) async throws -> StageAnalysis {
        let filter = try Forecast.Filter(request)
        return try await StageAnalysis.load(pipelineID: try request.pathUUID("pipelineID"), from: filter.from, to: filter.to, on: request.db)
    }

    /// The forecast's months as CSV, for a spreadsheet.
    @Sendable static func forecastCSV(_ request: Request) async throws -> Response {
        ForecastCSV.response(try await Forecast.load(request))
    }

    static var operations: [APIOperation] {
        let figures = JSONSchema.ref("ForecastFigures")
        let group = JSONSchema.object([("key", .string()), ("label", .string()), ("figures", .array(figures)),
                                       ("inBase", figures), ("unconverted", .array(.string(description: "Currencies without a rate for their day")))])
        let stage = JSONSchema.object([("id", .uuid), ("name", .string()), ("position", .integer()), ("defaultProbability", .integer()),
                                       ("outcome", .string(enumeration: StageOutcome.allCases.map(\.rawValue))),
                                       ("forecastCategory", .string(enumeration: ForecastCategory.allCases.map(\.rawValue)))])
        let stageInput = JSONSchema.object([("name", .string()), ("position", .integer()), ("defaultProbability", .integer()),
                                            ("outcome", .string(enumeration: StageOutcome.allCases.map(\.rawValue))),
                                            ("forecastCategory", .string(enumeration: ForecastCategory.allCases.map(\.rawValue)))])
        let pipeline = JSONSchema.object([("id", .uuid), ("name", .string()), ("position", .integer()), ("stages", .array(stage))])
        let period = [APIOperation.query("from", .string(description: "YYYY-MM, default this month"), "First month"),
                      APIOperation.query("to", .string(description: "YYYY-MM, default five months on"), "Last month"),
                      APIOperation.query("pipeline", .uuid, "Only this pipeline"), APIOperation.query("owner", .uuid, "Only this owner's deals")]
        return [
            .init(method: .GET, path: "/pipelines", summary: "Pipelines and their stages", tag: "Pipeline", response: .array(pipeline)),
            .init(method: .POST, path: "/pipelines", summary: "Create a pipeline (admins)", tag: "Pipeline",
                  requestBody: .object([("name", .string())], required: ["name"]), successStatus: 201, response: pipeline, errors: [401, 403, 422]),
            .init(method: .POST, path: "/pipelines/{pipelineID}/stages", summary: "Add a stage (admins)", tag: "Pipeline",
                  parameters: [APIOperation.pathParameter("pipelineID", "The pipeline's id")], requestBody: stageInput,
                  successStatus: 201, response: stage, errors: [401, 403, 404, 422]),
            .init(method: .PATCH, path: "/stages/{stageID}", summary: "Change a stage (admins)", tag: "Pipeline",
                  parameters: [APIOperation.pathParameter("stageID", "The stage's id")], requestBody: stageInput, response: stage,
                  errors: [401, 403, 404, 422]),
            .init(method: .DELETE, path: "/stages/{stageID}", summary: "Remove a stage (admins); its deals move to `moveDealsTo` first",
                  tag: "Pipeline", parameters: [APIOperation.pathParameter("stageID", "The stage's id"),
                                                APIOperation.query("moveDealsTo", .uuid, "An open stage of the same pipeline for the stage's deals")],
                  successStatus: 204, errors: [400, 401, 403, 404, 422]),
            .init(method: .GET, path: "/pipelines/{pipelineID}/analysis", summary: "Conversion and time in stage over a period", tag: "Pipeline",
                  parameters: [APIOperation.pathParameter("pipelineID", "The pipeline's id")] + period.prefix(2),
                  response: .object([("pipeline", .object([("id", .uuid), ("name", .string())])), ("rows", .array(.object([
                      ("stage", .object([("id", .uuid), ("name", .string()), ("outcome", .string())])), ("entered", .integer()),
                      ("advanced", .integer()), ("conversionPercent", .nullable(.integer())), ("averageDaysInStage", .nullable(.integer())),
                  ])))]), errors: [401, 404]),
            .init(method: .GET, path: "/board", summary: "A pipeline as board columns", tag: "Pipeline",
                  parameters: [APIOperation.query("pipeline", .uuid, "Default: the first pipeline"), APIOperation.query("owner", .uuid, "Only this owner's deals")],
                  response: .object([("pipeline", .object([("id", .uuid), ("name", .string())])), ("columns", .array(.object([
                      ("stage", .object([("id", .uuid), ("name", .string()), ("outcome", .string())])), ("defaultProbability", .integer()),
                      ("totals", .array(.object([("currency", .string()), ("count", .integer()), ("amountMinor", .integer())]))),
                      ("cards", .array(.object([("id", .uuid), ("name", .string()), ("account", .ref("AccountRef")), ("amountMinor", .integer()),
                                                ("currency", .string()), ("expectedClose", .string(format: "date")), ("owner", .nullable(.ref("UserRef"))),
                                                ("probability", .integer()), ("isStale", .boolean)]))),
                      ("hasMore", .boolean)])))]), errors: [401, 404]),
            .init(method: .GET, path: "/forecast", summary: "Forecast by month, quarter, owner and pipeline, per currency and converted into the base currency (open deals at today's rate, won deals at their close day's)", tag: "Pipeline",
                  parameters: period,
                  response: .object([("from", .string()), ("to", .string()), ("months", .array(group)), ("quarters", .array(group)),
                                     ("owners", .array(group)), ("pipelines", .array(group)), ("totals", .array(figures)),
                                     ("baseCurrency", .string()), ("totalsInBase", figures),
                                     ("ratesUsed", .array(.object([("currency", .string()), ("validFrom", .string(format: "date")), ("rate", .string()),
                                                                   ("usedFor", .string())]))),
                                     ("withoutRate", .array(.object([("id", .uuid), ("name", .string()), ("currency", .string()),
                                                                     ("amountMinor", .integer()), ("day", .string(format: "date"))]))),
                                     ("wonDeals", .integer()), ("lostDeals", .integer()), ("winRatePercent", .nullable(.integer())),
                                     ("averageCycleDays", .nullable(.integer()))])),
            .init(method: .GET, path: "/forecast.csv", summary: "The forecast's months as CSV", tag: "Pipeline", parameters: period),
        ]
    }

    static let figuresSchema = JSONSchema.object([
        ("currency", .string()), ("pipelineMinor", .integer(description: "All open deals")), ("bestCaseMinor", .integer()),
        ("commitMinor", .integer()), ("weightedMinor", .integer(description: "Σ amount × probability")), ("closedWonMinor", .integer()),
        ("openDeals", .integer()), ("wonDeals", .integer()),
    ])
}
