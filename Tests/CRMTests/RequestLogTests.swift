import Foundation
import Testing
import VaporTesting
@testable import CRM

@Suite struct RequestLogTests {
    /// Each request gets one line at debug level with its path, status and time, never its query string (which can
    /// carry a phone number or a search).
    @Test func aRequestIsLoggedAtDebugWithoutItsQuery() async throws {
        try await withTestApp { app in
            let (client, _) = try await app.apiClient("ona@example.lt")
            let id = UUID().uuidString
            var headers = HTTPHeaders.bearer(client.token)
            headers.add(name: .xRequestId, value: id)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/lookup?phone=%2B37061234567", headers: headers)
            #expect(response.status == .ok)
            let lines = TestLog.all.split(separator: "\n").filter { $0.contains(id) && $0.contains("GET /api/v1/lookup 200 in") }
            #expect(lines.count == 1)
            // Debug, or notice when the machine was slow enough to make it a slow request.
            #expect(lines.allSatisfy { ($0.hasPrefix("debug") || $0.hasPrefix("notice")) && !$0.contains("37061234567") }, "\(lines)")
        }
    }
}
