import Vapor

/// One line per request at debug level (`crm serve --log debug`), and at notice level for requests slower than
/// `slow`, so the default level (info) writes nothing for ordinary requests: a line per request costs a fifth of a
/// fast endpoint's throughput. Failures are logged by `CRMErrorMiddleware`. Only the path is written, never the query.
struct RequestLogMiddleware: AsyncMiddleware {
    static let slow = Duration.milliseconds(500)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        let elapsed = ContinuousClock.now - start
        if elapsed >= Self.slow {
            request.logger.notice("slow request: \(request.method) \(request.url.path) \(response.status.code) in \(Self.milliseconds(elapsed)) ms")
        } else if request.logger.logLevel <= .debug {
            request.logger.debug("\(request.method) \(request.url.path) \(response.status.code) in \(Self.milliseconds(elapsed)) ms")
        }
        return response
    }

    private static func milliseconds(_ duration: Duration) -> String {
        String(Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }
}
