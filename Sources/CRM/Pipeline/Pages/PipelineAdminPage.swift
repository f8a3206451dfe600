import CRMCore
import Vapor

/// Where admins set up pipelines and their stages: order, default probability, won/lost and forecast category.
enum PipelineAdminPage {
    @Sendable static func show(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canManageUsers)
        return try await page(request).response()
    }

    static func page(_ request: Request, errors: [String: String] = [:], notice: String? = nil) async throws -> Node {
        let pipelines = try await PipelineAdmin(db: request.db).all()
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
                    for stage in pipeline.stages {
                        Node.form(.method("post"), .action("/admin/stages/\(stage.id)"), .class("stage-row")) {
                            context.csrfField
                            Node.input(.type("number"), .name("position"), .value(String(stage.position)), .aria("label", "Order of \(stage.name)"))
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
                    }
                    Node.form(.method("post"), .action("/admin/pipelines/\(pipeline.id)/stages"), .class("filters")) {
                        context.csrfField
                        FormField.input("name", label: "New stage")
                        FormField.input("defaultProbability", label: "Probability %", type: "number")
                        FormField.select("outcome", label: "Outcome", options: outcomes, selected: "open")
                        Node.button(.type("submit")) { "Add stage" }
                    }
                }
            }
            Node.form(.method("post"), .action("/admin/pipelines"), .class("filters card")) {
                context.csrfField
                FormField.input("name", label: "New pipeline (e.g. Renewals)")
                Node.button(.type("submit")) { "Add pipeline" }
            }
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
        _ = try request.requireRole(\.canManageUsers)
        return try await answer(request) {
            _ = try await PipelineAdmin(db: request.db).createPipeline(name: try request.content.decode(PipelineAPIController.NewPipeline.self).name)
        }
    }

    @Sendable static func addStage(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canManageUsers)
        return try await answer(request) {
            _ = try await PipelineAdmin(db: request.db).addStage(to: try request.pathUUID("pipelineID"), try request.content.decode(StageForm.self).input)
        }
    }

    @Sendable static func updateStage(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canManageUsers)
        guard let stage = try await PipelineStage.find(try request.pathUUID("stageID"), on: request.db) else { throw APIError.notFound("This stage") }
        return try await answer(request) {
            try await PipelineAdmin(db: request.db).updateStage(stage, try request.content.decode(StageForm.self).input)
        }
    }

    private static func answer(_ request: Request, _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
            return request.redirect(to: "/admin/pipelines")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await page(request, errors: error.fields).response(status: .unprocessableEntity)
        }
    }
}
