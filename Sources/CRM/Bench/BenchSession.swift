import AsyncHTTPClient
import Foundation
import Vapor

/// The app served on a local port for a benchmark, with a signed-in browser session and an API token of one user,
/// so a benchmark times pages and API calls over a real socket.
struct BenchSession {
    let client: HTTPClient
    let base: String
    let cookie: String
    let token: String

    /// `runs` GETs (after one warm-up) of the path `path` gives for each run, as the browser (`api` false) or with the
    /// token; each must answer 200.
    func time(_ runs: Int, api: Bool, path: (Int) -> String) async throws -> [Duration] {
        var index = 0
        return try await BenchTiming.time(runs) {
            index += 1
            let target = path(index)
            var request = HTTPClientRequest(url: base + target)
            if api { request.headers.add(name: "Authorization", value: "Bearer \(token)") } else { request.headers.add(name: "Cookie", value: cookie) }
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 16 << 20)
            guard response.status == .ok else { throw CommandFailure("GET \(target) answered \(response.status.code)") }
        }
    }

    /// Serves `app` while `body` runs, logging only errors, and stops it afterwards whatever happens.
    static func serving<T>(_ app: Application, user: User, password: String, _ body: (BenchSession) async throws -> T) async throws -> T {
        let token = try await TokenIssuer.issue(for: user, name: "benchmark", on: app.db)
        let level = app.logger.logLevel
        app.logger.logLevel = .error
        defer { app.logger.logLevel = level }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            guard let port = app.http.server.shared.localAddress?.port else { throw CommandFailure("the server did not report its port") }
            let base = "http://127.0.0.1:\(port)"
            let client = HTTPClient(eventLoopGroupProvider: .shared(app.eventLoopGroup), configuration: .init(redirectConfiguration: .disallow))
            defer { _ = client.shutdown() }
            let cookie = try await HTTPBenchmark.signIn(client, base: base, email: user.email, password: password)
            let result = try await body(BenchSession(client: client, base: base, cookie: cookie, token: token))
            await app.server.shutdown()
            return result
        } catch {
            await app.server.shutdown()
            throw error
        }
    }
}
