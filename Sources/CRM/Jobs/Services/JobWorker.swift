import Foundation
import Vapor

/// Runs due jobs: queues the schedules whose time has come, claims a batch, runs each kind's `run`, records the
/// outcome, and keeps its claims alive (a heartbeat extends the lease) while it works. `crm worker` and `crm serve`
/// run one; tests call `runDue` to run what is due without waiting.
struct JobWorker: Sendable {
    let app: Application
    /// Host, process and a random part: what `claimed_by` shows, unique to this worker.
    let name: String
    /// How long a claim holds without a heartbeat: a worker killed half-way gives its jobs back after this.
    let lease: TimeInterval
    let batch = 20

    init(app: Application, lease: TimeInterval = 120) {
        self.app = app
        self.lease = lease
        name = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    }

    /// One pass: queues due schedules, then runs due jobs until none is left (or `limit` ran). Returns how many ran.
    @discardableResult
    func runDue(limit: Int = .max) async throws -> Int {
        let kinds = app.jobKinds
        try await JobSchedules(db: app.db).queueDue(kinds: kinds, now: app.clock.now())
        var ran = 0
        while ran < limit {
            let now = app.clock.now()
            let claimed = try await JobQueue(db: app.db).claim(worker: name, limit: min(batch, limit - ran), now: now, leaseUntil: now.addingTimeInterval(lease))
            if claimed.isEmpty { break }
            let heartbeat = Task { [app, name, lease] in
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(lease / 3))
                    let now = app.clock.now()
                    try await JobQueue(db: app.db).extendLeases(of: claimed.map(\.id), worker: name, until: now.addingTimeInterval(lease))
                }
            }
            defer { heartbeat.cancel() }
            // Done jobs are marked together at the end of the batch: one commit for the batch rather than one per job.
            // A worker killed before that runs them again, which every kind is written to allow.
            var done: [UUID] = []
            for job in claimed {
                if await run(job, kinds: kinds) { done.append(job.id) }
                ran += 1
            }
            try await JobQueue(db: app.db).finish(done, worker: name, now: app.clock.now())
        }
        return ran
    }

    /// Runs one claimed job; true when it succeeded (and is to be marked done), false when its failure was recorded.
    private func run(_ job: JobQueue.Claimed, kinds: [String: JobKind]) async -> Bool {
        let queue = JobQueue(db: app.db)
        do {
            guard job.attempts <= job.maxAttempts else {
                // Claimed again after its worker stopped on the last attempt: nothing is left to try.
                try await queue.fail(job, worker: name, error: "The worker stopped during attempt \(job.attempts - 1); no attempts left.",
                                     now: app.clock.now())
                return false
            }
            guard let kind = kinds[job.kind] else { throw UnknownKind(name: job.kind) }
            try await kind.run(JobRun(id: job.id, kind: job.kind, payload: job.payload, attempt: job.attempts, worker: name, app: app))
            return true
        } catch {
            app.logger.error("Job \(job.kind) \(job.id) failed (attempt \(job.attempts) of \(job.maxAttempts)): \(String(describing: error))")
            do {
                try await queue.fail(job, worker: name, error: String(describing: error), now: app.clock.now())
            } catch {
                // The lease runs out and another attempt follows.
                app.logger.error("Recording the failure of job \(job.id) failed: \(String(describing: error))")
            }
            return false
        }
    }

    struct UnknownKind: Error, CustomStringConvertible {
        let name: String
        var description: String { "No worker here knows jobs of kind \(name)." }
    }

    /// Writes the schedules of the kinds this worker knows, as it starts.
    func syncSchedules() async throws {
        try await JobSchedules(db: app.db).sync(Array(app.jobKinds.values), timeZone: app.config.timeZone, now: app.clock.now())
    }

    /// Runs jobs until cancelled: a pass, then a short wait when nothing was due. Errors (the database gone for a
    /// moment) are logged and the loop goes on.
    func loop(idle: Duration = .seconds(1)) async {
        do {
            try await syncSchedules()
        } catch {
            app.logger.error("Writing the job schedules failed: \(String(describing: error))")
        }
        while !Task.isCancelled {
            var ran = 0
            do {
                ran = try await runDue()
            } catch {
                app.logger.error("Running jobs failed: \(String(describing: error))")
            }
            if ran == 0 { try? await Task.sleep(for: idle) }
        }
    }
}

/// Runs a worker beside the server for as long as it serves (`crm serve` unless `CRM_JOBS=off`), stopping it with
/// the application.
final class JobWorkerLifecycle: LifecycleHandler, Sendable {
    private let task: Task<Void, Never>

    private init(task: Task<Void, Never>) {
        self.task = task
    }

    static func start(on app: Application) {
        let worker = JobWorker(app: app)
        app.lifecycle.use(JobWorkerLifecycle(task: Task { await worker.loop() }))
    }

    func shutdownAsync(_ application: Application) async {
        task.cancel()
        await task.value
    }
}
