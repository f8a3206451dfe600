import Testing
import VaporTesting
@testable import CRM

@Suite struct HealthTests {
    @Test func healthAndReadinessAnswerWithoutSignIn() async throws {
        try await withTestApp { app in
            let health = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(health.status == .ok)
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.body.string.contains(#""database":"ok""#))
        }
    }
}
