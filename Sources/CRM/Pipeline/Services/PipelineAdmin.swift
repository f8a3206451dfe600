import CRMCore
import Fluent
import Vapor

/// Pipelines and their stages, which admins configure.
struct PipelineAdmin {
    let db: any Database

    struct StageInput: Content {
        var name: String?
        var position: Int?
        var defaultProbability: Int?
        var outcome: String?
        var forecastCategory: String?
    }

    struct StageDTO: Content, Equatable {
        let id: UUID
        let name: String
        let position: Int
        let defaultProbability: Int
        let outcome: String
        let forecastCategory: String

        init(_ stage: PipelineStage) {
            id = stage.id!
            name = stage.name
            position = stage.position
            defaultProbability = stage.defaultProbability
            outcome = stage.outcome
            forecastCategory = stage.forecastCategory
        }
    }

    struct PipelineDTO: Content {
        let id: UUID
        let name: String
        let position: Int
        let stages: [StageDTO]
    }

    func all() async throws -> [PipelineDTO] {
        let pipelines = try await Pipeline.query(on: db).sort(\.$position).sort(\.$name).all()
        let stages = try await PipelineStage.query(on: db).sort(\.$position).all()
        return pipelines.map { pipeline in
            PipelineDTO(id: pipeline.id!, name: pipeline.name, position: pipeline.position,
                        stages: stages.filter { $0.$pipeline.id == pipeline.id }.map(StageDTO.init))
        }
    }

    /// A new pipeline starts with an open stage and the won and lost stages every pipeline needs.
    func createPipeline(name raw: String?) async throws -> Pipeline {
        var fields = FieldCheck()
        let name = fields.required(raw, "name", max: 100)
        if !name.isEmpty, try await Pipeline.query(on: db).filter(\.$name == name).count() > 0 {
            fields.fail("name", "is already used by another pipeline")
        }
        try fields.throwIfFailed()
        let position = (try await Pipeline.query(on: db).max(\.$position) ?? -1) + 1
        return try await db.transaction { db in
            let pipeline = Pipeline(name: name, position: position)
            try await pipeline.create(on: db)
            let id = try pipeline.requireID()
            for (index, (stage, probability, outcome)) in [("Qualification", 10, StageOutcome.open), ("Won", 100, .won), ("Lost", 0, .lost)].enumerated() {
                try await PipelineStage(pipelineID: id, name: stage, position: index, defaultProbability: probability, outcome: outcome.rawValue,
                                        forecastCategory: ForecastCategory.suggested(forProbability: probability).rawValue).create(on: db)
            }
            return pipeline
        }
    }

    func addStage(to pipelineID: UUID, _ input: StageInput) async throws -> PipelineStage {
        guard try await Pipeline.find(pipelineID, on: db) != nil else { throw APIError.notFound("This pipeline") }
        let stage = PipelineStage()
        stage.$pipeline.id = pipelineID
        try await apply(input, to: stage, isNew: true)
        try await stage.create(on: db)
        return stage
    }

    /// Changing a stage's default probability or outcome updates the deals in it that follow the default.
    func updateStage(_ stage: PipelineStage, _ input: StageInput) async throws {
        try await apply(input, to: stage, isNew: false)
        try await db.transaction { db in
            try await stage.save(on: db)
            let outcome = StageOutcome(rawValue: stage.outcome) ?? .open
            try await Opportunity.query(on: db).filter(\.$stage.$id == stage.requireID()).filter(\.$probabilityOverride == nil)
                .set(\.$probability, to: StageRules.probability(outcome: outcome, stageDefault: stage.defaultProbability, override: nil))
                .set(\.$outcome, to: outcome.rawValue)
                .update()
        }
    }

    private func apply(_ input: StageInput, to stage: PipelineStage, isNew: Bool) async throws {
        var fields = FieldCheck()
        let name = isNew || input.name != nil ? fields.required(input.name, "name", max: 100) : stage.name
        let outcome = fields.choice(input.outcome ?? (isNew ? StageOutcome.open.rawValue : stage.outcome), "outcome", as: StageOutcome.self) ?? .open
        let probability = input.defaultProbability ?? (isNew ? (outcome == .won ? 100 : outcome == .lost ? 0 : 10) : stage.defaultProbability)
        do { try StageRules.checkProbability(probability) } catch { fields.fail("defaultProbability", error.description) }
        let category = fields.choice(input.forecastCategory ?? (isNew ? ForecastCategory.suggested(forProbability: probability).rawValue : stage.forecastCategory),
                                     "forecastCategory", as: ForecastCategory.self) ?? .pipeline
        if isNew || name != stage.name {
            let clash = try await PipelineStage.query(on: db).filter(\.$pipeline.$id == stage.$pipeline.id).filter(\.$name == name).count()
            if clash > 0 { fields.fail("name", "is already a stage of this pipeline") }
        }
        try fields.throwIfFailed()
        stage.name = name
        stage.outcome = outcome.rawValue
        stage.defaultProbability = StageRules.probability(outcome: outcome, stageDefault: probability, override: nil)
        stage.forecastCategory = category.rawValue
        if let position = input.position {
            stage.position = position
        } else if isNew {
            stage.position = (try await PipelineStage.query(on: db).filter(\.$pipeline.$id == stage.$pipeline.id).max(\.$position) ?? -1) + 1
        }
    }
}
