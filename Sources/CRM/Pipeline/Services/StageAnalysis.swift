import CRMCore
import Fluent
import SQLKit
import Vapor

/// How deals flow through one pipeline's stages in a period: how many entered each stage, how many of them
/// moved on to a later stage or were won, and how long deals stayed. Computed by the database from stage history.
struct StageAnalysis: Content {
    struct Row: Content, Equatable {
        let stage: StageRef
        let entered: Int
        /// Of those that entered, how many later reached a later open stage or were won.
        let advanced: Int
        let conversionPercent: Int?
        /// Over the deals that have left the stage.
        let averageDaysInStage: Int?
    }

    let pipeline: PipelineRef
    let rows: [Row]

    static func load(pipelineID: UUID, from: String, to: String, on db: any Database) async throws -> StageAnalysis {
        guard let pipeline = try await Pipeline.find(pipelineID, on: db) else { throw APIError.notFound("This pipeline") }
        let stages = try await PipelineStage.query(on: db).filter(\.$pipeline.$id == pipelineID).filter(\.$removedAt == nil).sort(\.$position).all()
        let start = try DateBounds.start(ofMonth: from)
        let end = try DateBounds.start(ofMonth: ForecastMath.months(from: to, to: "9999-12").dropFirst().first ?? to)
        let sql = db.sql
        let entered = try await sql.raw("""
            SELECT c.to_stage_id, COUNT(DISTINCT c.opportunity_id) AS deals,
                   CAST(ROUND(AVG(c.seconds_in_stage) / 86400.0) AS BIGINT) AS days
            FROM opportunity_stage_changes c JOIN pipeline_stages s ON s.id = c.to_stage_id
            WHERE s.pipeline_id = \(bind: pipelineID) AND c.changed_at >= \(bind: start) AND c.changed_at < \(bind: end)
            GROUP BY c.to_stage_id
            """).all()
        let advanced = try await sql.raw("""
            SELECT c.to_stage_id, COUNT(DISTINCT c.opportunity_id) AS deals
            FROM opportunity_stage_changes c
            JOIN pipeline_stages s ON s.id = c.to_stage_id
            JOIN opportunity_stage_changes later ON later.opportunity_id = c.opportunity_id AND later.changed_at > c.changed_at
            JOIN pipeline_stages ls ON ls.id = later.to_stage_id
            WHERE s.pipeline_id = \(bind: pipelineID) AND c.changed_at >= \(bind: start) AND c.changed_at < \(bind: end)
              AND ((ls.outcome = 'open' AND ls.position > s.position) OR ls.outcome = 'won')
            GROUP BY c.to_stage_id
            """).all()
        var enteredByStage: [UUID: (Int, Int?)] = [:]
        for row in entered {
            enteredByStage[try row.decode(column: "to_stage_id", as: UUID.self)] =
                (try row.decode(column: "deals", as: Int.self), try row.decode(column: "days", as: Int?.self))
        }
        var advancedByStage: [UUID: Int] = [:]
        for row in advanced {
            advancedByStage[try row.decode(column: "to_stage_id", as: UUID.self)] = try row.decode(column: "deals", as: Int.self)
        }
        return StageAnalysis(pipeline: PipelineRef(id: pipelineID, name: pipeline.name), rows: stages.map { stage in
            let (count, days) = enteredByStage[stage.id!] ?? (0, nil)
            let moved = advancedByStage[stage.id!] ?? 0
            let isOpen = stage.outcome == StageOutcome.open.rawValue
            return Row(stage: StageRef(id: stage.id!, name: stage.name, outcome: stage.outcome), entered: count, advanced: isOpen ? moved : 0,
                       conversionPercent: isOpen && count > 0 ? Int((Double(moved) * 100 / Double(count)).rounded()) : nil,
                       averageDaysInStage: isOpen ? days : nil)
        })
    }
}

/// The first instant (UTC) of a `YYYY-MM` month.
enum DateBounds {
    static func start(ofMonth month: String) throws -> Date {
        guard let day = CalendarDate(month + "-01") else { throw APIError.badRequest("A month is not valid.", fields: ["month": "must be written YYYY-MM"]) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: 1))!
    }
}
