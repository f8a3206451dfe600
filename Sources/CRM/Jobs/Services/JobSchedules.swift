import CRMCore
import Fluent
import SQLKit
import Vapor

/// Recurring work: one row per scheduled kind with its next run. A worker that finds a row due moves its next run
/// on and queues the job in one transaction, and only if the row still shows the run it read (compare-and-set);
/// the job's unique key (`schedule:<name>:<run>`) makes a second queueing of the same run impossible anyway. So each
/// run is queued once however many workers look, and a restart neither repeats nor loses one: the next run is stored.
/// After a stop that missed several runs, the work runs once and then keeps to its schedule.
struct JobSchedules {
    let db: any Database
    static let table = "job_schedules"

    /// Writes the scheduled kinds' expressions, keeping the next run of those unchanged; drops schedules no longer
    /// offered. Run by each worker as it starts.
    func sync(_ kinds: [JobKind], timeZone: TimeZone, now: Date) async throws {
        let stored = try await rows()
        let scheduled = kinds.compactMap { kind in kind.schedule.map { (kind, $0) } }
        try await db.transaction { db in
            for (kind, expression) in scheduled {
                let cron = try CronSchedule(expression)
                if let row = stored.first(where: { $0.name == kind.name }), row.cron == expression, row.timeZone == timeZone.identifier { continue }
                guard let next = cron.next(after: now, in: timeZone) else { continue }
                // An upsert: two workers starting at once may both find the row missing.
                try await db.sql.insert(into: Self.table).columns("name", "kind", "cron", "time_zone", "next_run_at")
                    .values(SQLBind(kind.name), SQLBind(kind.name), SQLBind(expression), SQLBind(timeZone.identifier), SQLBind(next))
                    .onConflict(with: ["name"]) { update in
                        update.set(excludedValueOf: "kind").set(excludedValueOf: "cron").set(excludedValueOf: "time_zone")
                            .set(excludedValueOf: "next_run_at")
                    }.run()
            }
            let offered = Set(scheduled.map(\.0.name))
            for row in stored where !offered.contains(row.name) {
                try await db.sql.delete(from: Self.table).where("name", .equal, SQLBind(row.name)).run()
            }
        }
    }

    /// Queues each schedule whose run has come; returns how many were queued by this call.
    @discardableResult
    func queueDue(kinds: [String: JobKind], now: Date) async throws -> Int {
        var queued = 0
        for row in try await rows() where row.nextRunAt <= now {
            guard let kind = kinds[row.name], let zone = TimeZone(identifier: row.timeZone),
                  let next = try CronSchedule(row.cron).next(after: now, in: zone) else { continue }
            let claimed = try await db.transaction { db in
                let moved = try await db.sql.update(Self.table).set("next_run_at", to: SQLBind(next))
                    .where("name", .equal, SQLBind(row.name)).where("next_run_at", .equal, SQLBind(row.nextRunAt))
                    .returning("name").all()
                guard !moved.isEmpty else { return false }
                try await JobQueue(db: db).enqueue(kind.name, due: row.nextRunAt, now: now, maxAttempts: kind.maxAttempts,
                                                   uniqueKey: "schedule:\(row.name):\(Int(row.nextRunAt.timeIntervalSince1970))", schedule: row.name)
                return true
            }
            if claimed { queued += 1 }
        }
        return queued
    }

    /// Queues a scheduled kind's work now, outside its schedule (the jobs page's *Run now*).
    func runNow(_ name: String, kinds: [String: JobKind], now: Date) async throws {
        guard let kind = kinds[name], kind.schedule != nil else { throw APIError.notFound("This schedule") }
        try await JobQueue(db: db).enqueue(kind.name, due: now, now: now, maxAttempts: kind.maxAttempts, schedule: name)
    }

    struct Row: Codable, Sendable {
        let name: String
        let cron: String
        let timeZone: String
        let nextRunAt: Date
    }

    func rows() async throws -> [Row] {
        try await db.sql.select().columns("name", "cron", "time_zone", "next_run_at").from(Self.table).orderBy("name")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// A schedule as the jobs page and the API show it: its last run from the jobs it queued.
    struct Summary: Content {
        let name: String
        let summary: String
        let cron: String
        let timeZone: String
        let nextRunAt: Date
        let lastRun: JobQueue.Row?
        /// Milliseconds the last finished run took.
        let lastDurationMs: Int?

        static let schema = JSONSchema.object([
            ("name", .string()), ("summary", .string()), ("cron", .string()), ("timeZone", .string()), ("nextRunAt", .dateTime),
            ("lastRun", .nullable(.ref("Job"))), ("lastDurationMs", .nullable(.integer())),
        ], required: ["name", "summary", "cron", "timeZone", "nextRunAt"])
    }

    /// Every schedule with its latest run: three statements, however many schedules.
    func summaries(kinds: [String: JobKind]) async throws -> [Summary] {
        let schedules = try await rows()
        let latest = try await db.sql.raw("""
            SELECT j.id FROM jobs j JOIN (SELECT schedule, MAX(created_at) AS at FROM jobs WHERE schedule IS NOT NULL GROUP BY schedule) m
            ON j.schedule = m.schedule AND j.created_at = m.at
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        let runs = Dictionary(try await JobQueue(db: db).jobs(ids: latest).compactMap { row in row.schedule.map { ($0, row) } },
                              uniquingKeysWith: { first, second in first.createdAt >= second.createdAt ? first : second })
        return schedules.map { row in
            let last = runs[row.name]
            let duration = last.flatMap { run in run.startedAt.flatMap { start in run.finishedAt.map { Int(($0.timeIntervalSince(start) * 1_000).rounded()) } } }
            return Summary(name: row.name, summary: kinds[row.name]?.summary ?? row.name, cron: row.cron, timeZone: row.timeZone,
                           nextRunAt: row.nextRunAt, lastRun: last, lastDurationMs: duration)
        }
    }
}
