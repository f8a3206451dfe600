import Fluent
import Foundation
import SQLKit

/// The job queue's own work: pruning what finished long ago, and the probe an admin (or the benchmark) sends to see
/// that workers run, and run each job once.
enum JobsHousekeeping {
    static let pruneAfterDays = 14

    static var kinds: [JobKind] {
        [
            JobKind(name: "jobs.prune", summary: "Forget jobs finished more than \(pruneAfterDays) days ago", maxAttempts: 1, schedule: "40 3 * * *") { run in
                let before = run.now.addingTimeInterval(-Double(pruneAfterDays) * 86_400)
                try await JobQueue(db: run.db).prune(finishedBefore: before)
                try await run.db.sql.delete(from: probeTable).where("ran_at", .lessThan, SQLBind(before)).run()
            },
            // Records every run on purpose, unlike real work: a second row for one job shows it ran twice.
            JobKind(name: "jobs.probe", summary: "Show that a worker picks up jobs", maxAttempts: 3) { run in
                try await run.db.sql.insert(into: probeTable).columns("id", "job_id", "worker", "ran_at")
                    .values(SQLBind(UUID()), SQLBind(run.id), SQLBind(run.worker), SQLBind(run.now)).run()
            },
        ]
    }

    static let probeTable = "job_probe_runs"

    struct ProbeRun: Codable, Sendable {
        let jobId: UUID
        let worker: String
        let ranAt: Date
    }

    static func latestProbes(on sql: any SQLDatabase, limit: Int) async throws -> [ProbeRun] {
        try await sql.select().columns("job_id", "worker", "ran_at").from(probeTable).orderBy("ran_at", .descending).limit(limit)
            .all(decoding: ProbeRun.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// How many probe jobs ran, and how many of them more than once.
    static func probeTally(on sql: any SQLDatabase) async throws -> (jobs: Int, runs: Int, repeated: Int) {
        let row = try await sql.raw("""
            SELECT COUNT(*) AS jobs, CAST(COALESCE(SUM(n), 0) AS BIGINT) AS runs,
                   CAST(COALESCE(SUM(CASE WHEN n > 1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS repeated
            FROM (SELECT job_id, COUNT(*) AS n FROM job_probe_runs GROUP BY job_id) t
            """).first()
        return (try row?.decode(column: "jobs", as: Int.self) ?? 0, try row?.decode(column: "runs", as: Int.self) ?? 0,
                try row?.decode(column: "repeated", as: Int.self) ?? 0)
    }
}
