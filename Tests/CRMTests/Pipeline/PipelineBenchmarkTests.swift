import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct PipelineBenchmarkTests {
    @Test func theBenchmarkSeedsAndMeasuresOnlyAnEmptyDatabase() async throws {
        try await withTestApp { app in
            app.environment.arguments = ["crm", "bench", "pipeline", "--deals", "60", "--iterations", "2"]
            try await app.startup()
            #expect(try await Opportunity.query(on: app.db).count() == 60)
            #expect(try await Opportunity.query(on: app.db).filter(\.$outcome != "open").count() == 0)

            app.environment.arguments = ["crm", "bench", "pipeline", "--deals", "10"]
            await #expect { try await app.startup() } throws: { error in
                "\(error)".contains("empty scratch database")
            }
            #expect(try await Opportunity.query(on: app.db).count() == 60)
        }
    }
}
