import CRMCore
import Fluent
import SQLKit
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
        let stages = try await PipelineStage.query(on: db).filter(\.$removedAt == nil).sort(\.$position).all()
        return pipelines.map { pipeline in
            PipelineDTO(id: pipeline.id!, name: pipeline.name, position: pipeline.position,
                        stages: stages.filter { $0.$pipeline.id == pipeline.id }.map(StageDTO.init))
        }
    }

    struct NewPipeline: Content { var name: String? }

    /// The pipeline a page or request asks for (`?pipeline=`), or the first one.
    func pipelineID(asked request: Request) async throws -> UUID {
        if let id = try request.queryUUID("pipeline") { return id }
        guard let first = try await Pipeline.query(on: db).sort(\.$position).first() else { throw APIError.notFound("A pipeline") }
        return try first.requireID()
    }

    /// How many deals each stage holds, for the admin page's remove buttons.
    func dealCounts() async throws -> [UUID: Int] {
        let rows = try await db.sql.raw("SELECT stage_id, COUNT(*) AS n FROM opportunities GROUP BY stage_id").all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: "stage_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    /// A pipeline's stages in their order, without removed ones.
    func stages(of pipelineID: UUID, on db: any Database) async throws -> [PipelineStage] {
        try await PipelineStage.query(on: db).filter(\.$pipeline.$id == pipelineID).filter(\.$removedAt == nil).sort(\.$position).all()
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

    /// A new open stage goes before the won and lost stages (or where `position` says); a closing one at the end.
    func addStage(to pipelineID: UUID, _ input: StageInput) async throws -> PipelineStage {
        guard try await Pipeline.find(pipelineID, on: db) != nil else { throw APIError.notFound("This pipeline") }
        let stage = PipelineStage()
        stage.$pipeline.id = pipelineID
        try await apply(input, to: stage, isNew: true)
        try await db.transaction { db in
            let present = try await stages(of: pipelineID, on: db)
            stage.position = present.count
            try await stage.create(on: db)
            let index = input.position ?? StageOrder.insertionIndex(of: stage.stageOutcome, among: present.map(\.stageOutcome))
            try await renumber(present + [stage], moving: stage, to: index, on: db)
        }
        return stage
    }

    /// Puts `stage` at `index` among its pipeline's stages (0 is first).
    func moveStage(_ stage: PipelineStage, to index: Int) async throws {
        try await db.transaction { db in
            try await renumber(try await stages(of: stage.$pipeline.id, on: db), moving: stage, to: index, on: db)
        }
    }

    /// Removes a stage. Its deals first move to `moveDealsTo`, an open stage of the same pipeline, each move
    /// recorded as usual; without it a stage that holds deals stays. The stage history keeps the removed stage.
    func removeStage(_ stage: PipelineStage, moveDealsTo targetID: UUID?, actor: User, now: Date, baseCurrency: String) async throws {
        let present = try await stages(of: stage.$pipeline.id, on: db)
        var fields = FieldCheck()
        do {
            try StageOrder.checkRemoval(of: stage.stageOutcome, among: present.map(\.stageOutcome))
        } catch { fields.fail("stage", "“\(stage.name)” " + error.description) }
        let deals = try await OpportunityStore.load(inStage: stage.requireID(), on: db)
        var target: PipelineStage?
        if let targetID {
            target = present.first { $0.id == targetID && $0.id != stage.id }
            if target == nil { fields.fail("moveDealsTo", "must be another stage of this pipeline") }
            else if target?.stageOutcome != .open { fields.fail("moveDealsTo", "must be an open stage: won and lost deals need a reason each") }
        } else if !deals.isEmpty {
            fields.fail("moveDealsTo", "“\(stage.name)” holds \(deals.count) deal\(deals.count == 1 ? "" : "s"): say where they go")
        }
        try fields.throwIfFailed()
        let (removedAt, targetID) = (now, target?.id)
        try await db.transaction { db in
            let store = OpportunityStore(db: db, actor: actor, now: now, baseCurrency: baseCurrency)
            if let targetID { for deal in deals { try await store.move(deal, to: targetID, reason: nil) } }
            stage.removedAt = removedAt
            try await stage.save(on: db)
            try await renumber(present.filter { $0.id != stage.id }, on: db)
        }
    }

    /// Positions 0, 1, 2 … in the given order, after moving `stage` to `index`.
    private func renumber(_ stages: [PipelineStage], moving stage: PipelineStage? = nil, to index: Int = 0, on db: any Database) async throws {
        var order = stages.compactMap(\.id)
        if let id = stage?.id { order = StageOrder.moving(id, to: index, in: order) }
        for (position, id) in order.enumerated() {
            guard let row = stages.first(where: { $0.id == id }), row.position != position else { continue }
            row.position = position
            try await row.save(on: db)
        }
        stage.map { moved in moved.position = order.firstIndex(of: moved.id!) ?? moved.position }
    }

    /// Changing a stage's default probability or outcome updates the deals in it that follow the default.
    func updateStage(_ stage: PipelineStage, _ input: StageInput) async throws {
        try await apply(input, to: stage, isNew: false)
        try await db.transaction { db in
            try await stage.save(on: db)
            if let position = input.position, position != stage.position {
                try await renumber(try await stages(of: stage.$pipeline.id, on: db), moving: stage, to: position, on: db)
            }
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
            // Names differing only in case or spacing would look like the same stage on the board.
            let key = SearchText.fold(name)
            let clash = try await stages(of: stage.$pipeline.id, on: db).contains { $0.id != stage.id && SearchText.fold($0.name) == key }
            if clash { fields.fail("name", "is already a stage of this pipeline") }
        }
        try fields.throwIfFailed()
        stage.name = name
        stage.outcome = outcome.rawValue
        stage.defaultProbability = StageRules.probability(outcome: outcome, stageDefault: probability, override: nil)
        stage.forecastCategory = category.rawValue
    }
}
