import CRMCore
import Vapor

/// Where admins set up pipelines and their stages: order, default probability, won/lost and forecast category.
enum PipelineAdminPage {
    @Sendable static func show(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canConfigurePipelines)
        return try await page(request).response()
    }

    static func page(_ request: Request, errors: [String: String] = [:], notice: String? = nil) async throws -> Node {
        let admin = PipelineAdmin(db: request.db)
        let pipelines = try await admin.all()
        let deals = try await admin.dealCounts()
        let context = PageContext(request, notice: notice)
        let outcomes = StageOutcome.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }
        let categories = ForecastCategory.allCases.map { ($0.rawValue, $0.label) }
        return Layout.page("Pipelines", context) {
            Node.h1 { "Pipelines" }
            FormField.otherErrors(errors, shown: [])
            for pipeline in pipelines {
                Node.section(.class("card")) {
                    Node.h2 { .text(pipeline.name) }
                    Node.div(.class("stage-row head")) {
                        Node.span { "Order" }; Node.span { "Stage" }; Node.span { "Probability %" }; Node.span { "Outcome" }; Node.span { "Forecast" }
                    }
                    for (index, stage) in pipeline.stages.enumerated() {
                        Node.div(.class("stage-line"), .data("stage", stage.name)) {
                            Node.form(.method("post"), .action(Site.stage(stage.id)), .class("stage-row")) {
                                context.csrfField
                                Node.span(.class("muted")) { .text(String(index + 1)) }
                                Node.input(.type("text"), .name("name"), .value(stage.name), .aria("label", "Name of \(stage.name)"))
                                Node.input(.type("number"), .name("defaultProbability"), .value(String(stage.defaultProbability)), .aria("label", "Probability of \(stage.name)"))
                                Node.select(.name("outcome"), .aria("label", "Outcome of \(stage.name)")) {
                                    for (value, label) in outcomes { Node.option(.value(value), .when(value == stage.outcome, .selected)) { .text(label) } }
                                }
                                Node.select(.name("forecastCategory"), .aria("label", "Forecast category of \(stage.name)")) {
                                    for (value, label) in categories { Node.option(.value(value), .when(value == stage.forecastCategory, .selected)) { .text(label) } }
                                }
                                Node.button(.type("submit"), .class("secondary")) { "Save" }
                            }
                            Node.div(.class("stage-actions")) {
                                for (direction, label, target) in [("up", "Move up", index - 1), ("down", "Move down", index + 1)] where pipeline.stages.indices.contains(target) {
                                    Node.form(.method("post"), .action(Site.stageMove(stage.id))) {
                                        context.csrfField
                                        Node.input(.type("hidden"), .name("direction"), .value(direction))
                                        Node.button(.type("submit"), .class("secondary"), .aria("label", "\(label): \(stage.name)")) { .text(direction == "up" ? "↑" : "↓") }
                                    }
                                }
                                removeForm(stage, dealCount: deals[stage.id] ?? 0, in: pipeline, context)
                            }
                        }
                    }
                    Node.form(.method("post"), .action(Site.pipelineStages(pipeline.id)), .class("filters")) {
                        context.csrfField
                        FormField.input("name", label: "New stage")
                        FormField.input("defaultProbability", label: "Probability %", type: "number")
                        FormField.select("outcome", label: "Outcome", options: outcomes, selected: "open")
                        Node.button(.type("submit")) { "Add stage" }
                    }
                    Node.p(.class("muted")) { "A new open stage goes before Won and Lost." }
                }
            }
            Node.form(.method("post"), .action(Site.pipelines()), .class("filters card")) {
                context.csrfField
                FormField.input("name", label: "New pipeline (e.g. Renewals)")
                Node.button(.type("submit")) { "Add pipeline" }
            }
        }
    }

    /// Remove a stage; one that holds deals asks where they go.
    private static func removeForm(_ stage: PipelineAdmin.StageDTO, dealCount: Int, in pipeline: PipelineAdmin.PipelineDTO, _ context: PageContext) -> Node {
        Node.form(.method("post"), .action(Site.stageRemove(stage.id))) {
            context.csrfField
            if dealCount > 0 {
                Node.select(.name("moveDealsTo"), .aria("label", "Move the deals of \(stage.name) to")) {
                    for other in pipeline.stages where other.id != stage.id && other.outcome == StageOutcome.open.rawValue {
                        Node.option(.value(other.id.uuidString)) { .text("its \(dealCount) deal\(dealCount == 1 ? "" : "s") to \(other.name)") }
                    }
                }
            }
            Node.button(.type("submit"), .class("secondary"), .aria("label", "Remove \(stage.name)")) { dealCount > 0 ? "Move and remove" : "Remove" }
        }
    }

    struct StageForm: Content {
        var name: String?
        var position: String?
        var defaultProbability: String?
        var outcome: String?
        var forecastCategory: String?

        var input: PipelineAdmin.StageInput {
            PipelineAdmin.StageInput(name: name, position: position.flatMap { Int($0) }, defaultProbability: defaultProbability.flatMap { Int($0) },
                                     outcome: outcome, forecastCategory: forecastCategory)
        }
    }

    @Sendable static func createPipeline(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canConfigurePipelines)
        return try await answer(request) {
            _ = try await PipelineAdmin(db: request.db).createPipeline(name: try request.content.decode(PipelineAdmin.NewPipeline.self).name)
        }
    }

    @Sendable static func addStage(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canConfigurePipelines)
        return try await answer(request) {
            _ = try await PipelineAdmin(db: request.db).addStage(to: try request.pathUUID("pipelineID"), try request.content.decode(StageForm.self).input)
        }
    }

    @Sendable static func updateStage(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canConfigurePipelines)
        let stage = try await stage(request)
        return try await answer(request) {
            try await PipelineAdmin(db: request.db).updateStage(stage, try request.content.decode(StageForm.self).input)
        }
    }

    struct MoveForm: Content { var direction: String? }

    @Sendable static func moveStage(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canConfigurePipelines)
        let stage = try await stage(request)
        let step = try request.content.decode(MoveForm.self).direction == "up" ? -1 : 1
        try await PipelineAdmin(db: request.db).moveStage(stage, to: stage.position + step)
        return request.redirect(to: Site.pipelines())
    }

    struct RemoveForm: Content { var moveDealsTo: String? }

    @Sendable static func removeStage(_ request: Request) async throws -> Response {
        let user = try request.requireRole(\.canConfigurePipelines)
        let stage = try await stage(request)
        let target = try request.content.decode(RemoveForm.self).moveDealsTo.flatMap(UUID.init(uuidString:))
        return try await answer(request) {
            try await PipelineAdmin(db: request.db).removeStage(stage, moveDealsTo: target, actor: user, now: request.now,
                                                                baseCurrency: request.application.config.baseCurrency)
        }
    }

    private static func stage(_ request: Request) async throws -> PipelineStage {
        guard let stage = try await PipelineStage.find(try request.pathUUID("stageID"), on: request.db), stage.removedAt == nil else {
            throw APIError.notFound("This stage")
        }
        return stage
    }

    private static func answer(_ request: Request, _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
            return request.redirect(to: Site.pipelines())
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await page(request, errors: error.fields).response(status: .unprocessableEntity)
        }
    }
}
