import CRMCore
import Fluent
import SQLKit
import Vapor

/// The `jobs` table: enqueueing, claiming with a lease, finishing, failing with backoff, and an admin's retry and
/// discard. Claiming is one statement: on PostgreSQL the rows are locked with `FOR UPDATE SKIP LOCKED`, so two
/// workers never take the same job; SQLite has one writer at a time, so its single `UPDATE … RETURNING` is atomic.
/// A job whose worker stopped (its lease ran out) is claimed again, as another attempt.
struct JobQueue {
    let db: any Database
    static let table = "jobs"

    enum State: String, CaseIterable, Sendable {
        case queued, running, done, failed, discarded
    }

    /// A claimed job, to be run.
    struct Claimed: Sendable {
        let id: UUID
        let kind: String
        let payload: String
        let attempts: Int
        let maxAttempts: Int
        let schedule: String?
    }

    /// Queues a job; with a `uniqueKey` that is already queued or done, nothing is added and nil is returned.
    @discardableResult
    func enqueue(_ kind: String, payload: some Encodable & Sendable = NoPayload(), due: Date, now: Date, maxAttempts: Int = 5,
                 uniqueKey: String? = nil, schedule: String? = nil) async throws -> UUID? {
        let id = UUID()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = String(decoding: try encoder.encode(payload), as: UTF8.self)
        let rows = try await db.sql.insert(into: Self.table)
            .columns("id", "kind", "payload", "state", "due_at", "attempts", "max_attempts", "created_at", "schedule", "unique_key")
            .values(SQLBind(id), SQLBind(kind), SQLBind(body), SQLBind(State.queued.rawValue), SQLBind(due), SQLBind(0), SQLBind(maxAttempts),
                    SQLBind(now), SQLBind(schedule), SQLBind(uniqueKey))
            .ignoringConflicts(with: ["unique_key"])
            .returning("id")
            .all()
        return rows.isEmpty ? nil : id
    }

    /// Takes up to `limit` due jobs for `worker` until `leaseUntil`, counting an attempt for each.
    func claim(worker: String, limit: Int, now: Date, leaseUntil: Date) async throws -> [Claimed] {
        let due: SQLQueryString = """
            (state = 'queued' AND due_at <= \(bind: now)) OR (state = 'running' AND lease_until < \(bind: now))
            """
        let set: SQLQueryString = """
            state = 'running', attempts = attempts + 1, claimed_by = \(bind: worker), lease_until = \(bind: leaseUntil), started_at = \(bind: now)
            """
        let returning: SQLQueryString = "id, kind, payload, attempts, max_attempts, schedule"
        let statement: SQLQueryString = if db.sql.dialect.name == "postgresql" {
            """
            WITH next AS (SELECT id FROM jobs WHERE \(due) ORDER BY due_at LIMIT \(literal: limit) FOR UPDATE SKIP LOCKED)
            UPDATE jobs SET \(set) FROM next WHERE jobs.id = next.id RETURNING jobs.id, jobs.kind, jobs.payload, jobs.attempts, jobs.max_attempts, jobs.schedule
            """
        } else {
            """
            UPDATE jobs SET \(set) WHERE id IN (SELECT id FROM jobs WHERE \(due) ORDER BY due_at LIMIT \(literal: limit)) RETURNING \(returning)
            """
        }
        return try await db.sql.raw(statement).all().map { row in
            Claimed(id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                    maxAttempts: try row.decode(column: "max_attempts", as: Int.self), schedule: try row.decode(column: "schedule", as: String?.self))
        }
    }

    /// Keeps the worker's claim on jobs it is still running.
    func extendLeases(of ids: [UUID], worker: String, until: Date) async throws {
        guard !ids.isEmpty else { return }
        try await db.sql.update(Self.table).set("lease_until", to: SQLBind(until))
            .where("id", .in, SQLBind.group(ids)).where("claimed_by", .equal, SQLBind(worker)).where("state", .equal, SQLBind(State.running.rawValue))
            .run()
    }

    /// Marks jobs the worker still holds as done; a job another worker took over meanwhile is left to that worker.
    func finish(_ ids: [UUID], worker: String, now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await db.sql.update(Self.table).set("state", to: SQLBind(State.done.rawValue)).set("finished_at", to: SQLBind(now))
            .set("lease_until", to: SQLLiteral.null).set("last_error", to: SQLLiteral.null)
            .where("id", .in, SQLBind.group(ids)).where("claimed_by", .equal, SQLBind(worker)).where("state", .equal, SQLBind(State.running.rawValue))
            .run()
    }

    /// Records a failed attempt: queued again after the backoff, or *failed* when no attempt is left.
    func fail(_ job: Claimed, worker: String, error: String, now: Date) async throws {
        let final = job.attempts >= job.maxAttempts
        let query = db.sql.update(Self.table)
            .set("state", to: SQLBind((final ? State.failed : State.queued).rawValue))
            .set("last_error", to: SQLBind(String(error.prefix(2_000))))
            .set("lease_until", to: SQLLiteral.null)
            .set("finished_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(job.id)).where("claimed_by", .equal, SQLBind(worker)).where("state", .equal, SQLBind(State.running.rawValue))
        if !final { query.set("due_at", to: SQLBind(now.addingTimeInterval(JobBackoff.delay(afterFailedAttempts: job.attempts)))) }
        try await query.run()
    }

    /// An admin's second chance for a failed job: queued now with its attempts counted afresh.
    func retry(_ id: UUID, now: Date) async throws {
        try await requireFailed(id)
        try await db.sql.update(Self.table).set("state", to: SQLBind(State.queued.rawValue)).set("attempts", to: SQLBind(0))
            .set("due_at", to: SQLBind(now)).set("finished_at", to: SQLLiteral.null)
            .where("id", .equal, SQLBind(id)).where("state", .equal, SQLBind(State.failed.rawValue)).run()
    }

    /// Gives up on a failed job for good; it stays listed as discarded until pruned.
    func discard(_ id: UUID, now: Date) async throws {
        try await requireFailed(id)
        try await db.sql.update(Self.table).set("state", to: SQLBind(State.discarded.rawValue)).set("finished_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id)).where("state", .equal, SQLBind(State.failed.rawValue)).run()
    }

    private func requireFailed(_ id: UUID) async throws {
        guard let job = try await jobs(ids: [id]).first else { throw APIError.notFound("This job") }
        guard job.state == State.failed.rawValue else { throw APIError.conflict("Only a failed job can be retried or discarded; this one is \(job.state).") }
    }

    // MARK: Reading

    /// A job as the jobs page and the API show it.
    struct Row: Content, Equatable {
        let id: UUID
        let kind: String
        let payload: String
        let state: String
        let dueAt: Date
        let attempts: Int
        let maxAttempts: Int
        let lastError: String?
        let claimedBy: String?
        let startedAt: Date?
        let finishedAt: Date?
        let createdAt: Date
        let schedule: String?

        static let schema = JSONSchema.object([
            ("id", .uuid), ("kind", .string()), ("payload", .string(description: "JSON")), ("state", .string(enumeration: State.allCases.map(\.rawValue))),
            ("dueAt", .dateTime), ("attempts", .integer()), ("maxAttempts", .integer()), ("lastError", .nullable(.string())),
            ("claimedBy", .nullable(.string())), ("startedAt", .nullable(.dateTime)), ("finishedAt", .nullable(.dateTime)),
            ("createdAt", .dateTime), ("schedule", .nullable(.string())),
        ], required: ["id", "kind", "state", "dueAt", "attempts", "maxAttempts", "createdAt"])
    }

    private static let columns = ["id", "kind", "payload", "state", "due_at", "attempts", "max_attempts", "last_error", "claimed_by",
                                  "started_at", "finished_at", "created_at", "schedule"]

    func jobs(ids: [UUID]) async throws -> [Row] {
        guard !ids.isEmpty else { return [] }
        return try await db.sql.select().columns(Self.columns.map { SQLColumn($0) }).from(Self.table).where("id", .in, SQLBind.group(ids))
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Jobs in one state, the most recent first (queued ones soonest due first).
    func jobs(in state: State, limit: Int) async throws -> [Row] {
        let query = db.sql.select().columns(Self.columns.map { SQLColumn($0) }).from(Self.table).where("state", .equal, SQLBind(state.rawValue))
        switch state {
        case .queued: query.orderBy("due_at")
        case .running: query.orderBy("started_at", .descending)
        case .done, .failed, .discarded: query.orderBy("finished_at", .descending)
        }
        return try await query.limit(limit).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// How many jobs are in each state.
    func counts() async throws -> [String: Int] {
        let rows = try await db.sql.select().column("state").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Self.table)
            .groupBy("state").all()
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.decode(column: "state", as: String.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    /// Forgets finished jobs older than `before`; failed ones stay until someone retries or discards them.
    func prune(finishedBefore before: Date) async throws {
        try await db.sql.delete(from: Self.table).where("state", .in, SQLBind.group([State.done.rawValue, State.discarded.rawValue]))
            .where("finished_at", .lessThan, SQLBind(before)).run()
    }
}
