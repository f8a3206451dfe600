import Fluent
import Vapor

/// `/jobs` and `/job-schedules`: what the jobs page shows, for admins' scripts and monitoring.
enum JobsAPIController {
    @Sendable static func list(_ request: Request) async throws -> [JobQueue.Row] {
        _ = try request.requireRole(\.canManageJobs)
        let raw = request.query[String.self, at: "state"] ?? JobQueue.State.failed.rawValue
        guard let state = JobQueue.State(rawValue: raw) else {
            throw APIError.badRequest("The state is not known.", fields: ["state": "must be one of " + JobQueue.State.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        return try await JobQueue(db: request.db).jobs(in: state, limit: try PageRequest(from: request).limit)
    }

    @Sendable static func retry(_ request: Request) async throws -> JobQueue.Row {
        _ = try request.requireRole(\.canManageJobs)
        let id = try request.pathUUID("jobID")
        let queue = JobQueue(db: request.db)
        try await queue.retry(id, now: request.now)
        return try await shown(id, queue)
    }

    @Sendable static func discard(_ request: Request) async throws -> JobQueue.Row {
        _ = try request.requireRole(\.canManageJobs)
        let id = try request.pathUUID("jobID")
        let queue = JobQueue(db: request.db)
        try await queue.discard(id, now: request.now)
        return try await shown(id, queue)
    }

    @Sendable static func schedules(_ request: Request) async throws -> [JobSchedules.Summary] {
        _ = try request.requireRole(\.canManageJobs)
        return try await JobSchedules(db: request.db).summaries(kinds: request.application.jobKinds)
    }

    @Sendable static func runNow(_ request: Request) async throws -> HTTPStatus {
        _ = try request.requireRole(\.canManageJobs)
        try await JobSchedules(db: request.db).runNow(request.parameters.get("name") ?? "", kinds: request.application.jobKinds, now: request.now)
        return .accepted
    }

    private static func shown(_ id: UUID, _ queue: JobQueue) async throws -> JobQueue.Row {
        guard let row = try await queue.jobs(ids: [id]).first else { throw APIError.notFound("This job") }
        return row
    }
}
