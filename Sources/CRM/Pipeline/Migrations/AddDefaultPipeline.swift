import CRMCore
import Fluent

/// A new installation starts with one ready-to-use pipeline; admins rename, reorder or add stages later.
struct AddDefaultPipeline: AsyncMigration {
    static let stages: [(String, Int, StageOutcome)] = [
        ("Qualification", 10, .open), ("Needs analysis", 25, .open), ("Proposal", 50, .open),
        ("Negotiation", 75, .open), ("Verbal agreement", 90, .open), ("Won", 100, .won), ("Lost", 0, .lost),
    ]

    func prepare(on database: any Database) async throws {
        let pipeline = Pipeline(name: "New business", position: 0)
        try await pipeline.create(on: database)
        for (position, (name, probability, outcome)) in Self.stages.enumerated() {
            try await PipelineStage(pipelineID: try pipeline.requireID(), name: name, position: position, defaultProbability: probability,
                                    outcome: outcome.rawValue, forecastCategory: ForecastCategory.suggested(forProbability: probability).rawValue)
                .create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await Pipeline.query(on: database).filter(\.$name == "New business").delete()
    }
}
