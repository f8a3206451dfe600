import Fluent
import SQLKit
import Testing
import VaporTesting
@testable import CRM

@Suite struct ServiceBenchmarkTests {
    /// The benchmark loads what it says, its due warnings are recorded by the real watch, and it refuses a database with cases.
    @Test func theBenchmarkLoadsCasesThatTheWatchAgreesWith() async throws {
        try await withTestApp { app in
            app.environment.arguments = ["crm", "bench", "service", "--cases", "1000", "--open", "300", "--requests", "2"]
            try await app.startup()
            #expect(try await ServiceCase.query(on: app.db).count() == 1_000)
            #expect(try await ServiceCase.query(on: app.db).filter(\.$active == true).count() == 300)
            // One open case in a hundred was due for its risk warning, and got it.
            let marks = try await CaseEvent.query(on: app.db).all().map { $0.slaMark ?? $0.kind }
            #expect(marks.filter { $0 == "resolution:risk" }.count == 3, "\(Set(marks))")
            #expect(try await ServiceCase.query(on: app.db).filter(\.$alertAt <= app.clock.now()).count() == 0)

            app.environment.arguments = ["crm", "bench", "service", "--cases", "10", "--open", "1"]
            await #expect { try await app.startup() } throws: { error in "\(error)".contains("give the benchmark an empty one") }
        }
    }
}
