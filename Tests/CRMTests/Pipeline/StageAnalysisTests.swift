import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import CRM

@Suite struct StageAnalysisTests {
    @Test func conversionAndTimeInStageComeFromStageHistory() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let clock = NIOLockedValueBox(PipelineFixture.now)
            app.clock = AppClock { clock.withLockedValue { $0 } }
            let a = try await fixture.deal("A", amount: 100, stage: "Qualification", close: "2026-12-31")
            let b = try await fixture.deal("B", amount: 100, stage: "Qualification", close: "2026-12-31")
            try await fixture.deal("C", amount: 100, stage: "Qualification", close: "2026-12-31")

            clock.withLockedValue { $0 += 2 * 86_400 }
            try await fixture.move(a, to: "Proposal")
            try await fixture.move(b, to: "Lost", reason: "No budget")
            clock.withLockedValue { $0 += 4 * 86_400 }
            try await fixture.move(try await fixture.api.decode(OpportunityDTO.self, .GET, "/api/v1/opportunities/\(a.id)"), to: "Won", reason: "Price")

            let analysis = try await fixture.api.decode(StageAnalysis.self, .GET, "/api/v1/pipelines/\(fixture.pipelineID)/analysis?from=2026-11&to=2026-11")
            let byName = Dictionary(uniqueKeysWithValues: analysis.rows.map { ($0.stage.name, $0) })
            #expect(byName["Qualification"]?.entered == 3)
            #expect(byName["Qualification"]?.advanced == 1)
            #expect(byName["Qualification"]?.conversionPercent == 33)
            #expect(byName["Qualification"]?.averageDaysInStage == 2)
            #expect(byName["Proposal"]?.entered == 1)
            #expect(byName["Proposal"]?.conversionPercent == 100)
            #expect(byName["Proposal"]?.averageDaysInStage == 4)
            #expect(byName["Won"]?.entered == 1)
            #expect(byName["Won"]?.conversionPercent == nil)
            #expect(byName["Needs analysis"]?.entered == 0)

            let december = try await fixture.api.decode(StageAnalysis.self, .GET, "/api/v1/pipelines/\(fixture.pipelineID)/analysis?from=2026-12&to=2026-12")
            #expect(december.rows.allSatisfy { $0.entered == 0 })
        }
    }
}
