import Fluent
import Vapor

/// A kind of background work an area offers (`Contributions.jobKinds`): what it is called, how often it may be tried,
/// and, for recurring work, when it runs. Its `run` may be called more than once for one job (a worker stopped
/// half-way, a lease that ran out), so it is written to have its effect once: it checks what is already done.
struct JobKind: Sendable {
    /// Stable name stored with each job, `area.what` (`sales.tiers.recompute`).
    let name: String
    /// What it does, for the jobs page.
    let summary: String
    /// Attempts before the job ends *failed*; recurring work usually tries once and waits for its next run.
    var maxAttempts = 5
    /// Recurring work: a `CronSchedule` expression in the installation's time zone (`CRM_TIME_ZONE`).
    var schedule: String?
    let run: @Sendable (JobRun) async throws -> Void
}

/// One attempt at a job, as its kind's `run` sees it.
struct JobRun: Sendable {
    let id: UUID
    let kind: String
    let payload: String
    /// 1 for the first attempt.
    let attempt: Int
    let worker: String
    let app: Application

    var db: any Database { app.db }
    var now: Date { app.clock.now() }

    func decode<Payload: Decodable>(_ type: Payload.Type) throws -> Payload {
        try JSONDecoder().decode(type, from: Data(payload.utf8))
    }
}

/// The payload of work that needs none.
struct NoPayload: Codable, Sendable {}

extension Application {
    private struct JobKindsKey: StorageKey { typealias Value = [String: JobKind] }

    /// Every kind a worker of this application runs: the areas' contributions, plus any a test registers.
    var jobKinds: [String: JobKind] {
        get { storage[JobKindsKey.self] ?? Dictionary(contributions.jobKinds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }) }
        set { storage[JobKindsKey.self] = newValue }
    }
}
