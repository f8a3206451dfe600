import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct InteractionsBenchmarkTests {
    @Test func theBenchmarkFillsTimelinesAndIngestsThroughTheRealCode() async throws {
        try await withTestApp { app in
            app.environment.arguments = ["crm", "bench", "interactions", "--interactions", "60", "--emails", "30", "--requests", "3"]
            try await app.startup()
            // 60 + 10 seeded; 30 emails one by one and 30 more as a mailbox (read twice, stored once), every third
            // from a stranger.
            #expect(try await Interaction.query(on: app.db).count() == 130)
            #expect(try await Interaction.query(on: app.db).filter(\.$isUnmatched == true).count() == 20)
            let seeded = try #require(try await Interaction.query(on: app.db).filter(\.$subject == "Interaction 5").with(\.$contacts).first())
            #expect(seeded.contacts.count == 1, "bulk rows read back through the models")
            let reply = try #require(try await Interaction.query(on: app.db).filter(\.$messageID == "bench-1@customer0.example").first())
            #expect(reply.threadID == "bench-0@customer0.example")
        }
    }
}
