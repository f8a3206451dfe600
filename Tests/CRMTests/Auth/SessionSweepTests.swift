import Fluent
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Expired sessions go by the hourly job, not on the sign-in path.
@Suite struct SessionSweepTests {
    @Test func theSweepJobDeletesExpiredSessionsOnly() async throws {
        try await withTestApp { app in
            let now = Date(timeIntervalSince1970: 1_796_115_600)
            app.clock = AppClock { now }
            try await StoredSession(keyHash: "expired", data: "{}", expiresAt: now.addingTimeInterval(-1)).save(on: app.db)
            try await StoredSession(keyHash: "current", data: "{}", expiresAt: now.addingTimeInterval(3_600)).save(on: app.db)
            let kind = try #require(app.jobKinds["auth.sessions.sweep"])
            try await kind.run(JobRun(id: UUID(), kind: kind.name, payload: "{}", attempt: 1, worker: "test", app: app))
            #expect(try await StoredSession.query(on: app.db).all().map(\.keyHash) == ["current"])
        }
    }
}
