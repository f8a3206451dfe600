import CRMCore
import Fluent
import Foundation

/// A sales process with its own stages, e.g. new business or renewals.
final class Pipeline: Model, @unchecked Sendable {
    static let schema = "pipelines"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int
    @Children(for: \.$pipeline) var stages: [PipelineStage]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(name: String, position: Int) {
        self.name = name
        self.position = position
    }
}

/// A step of a pipeline. Open stages carry a default probability and forecast category; the won and lost
/// stages close a deal.
final class PipelineStage: Model, @unchecked Sendable {
    static let schema = "pipeline_stages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "pipeline_id") var pipeline: Pipeline
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int
    @Field(key: "default_probability") var defaultProbability: Int
    /// `StageOutcome` raw value.
    @Field(key: "outcome") var outcome: String
    /// `ForecastCategory` raw value, for open stages.
    @Field(key: "forecast_category") var forecastCategory: String
    /// Set when an admin removes the stage; its history stays.
    @OptionalField(key: "removed_at") var removedAt: Date?

    init() {}

    var stageOutcome: StageOutcome { StageOutcome(rawValue: outcome) ?? .open }

    init(pipelineID: UUID, name: String, position: Int, defaultProbability: Int, outcome: String, forecastCategory: String) {
        self.$pipeline.id = pipelineID
        self.name = name
        self.position = position
        self.defaultProbability = defaultProbability
        self.outcome = outcome
        self.forecastCategory = forecastCategory
    }
}
