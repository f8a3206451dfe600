import AsyncHTTPClient
import CRMCore
import Fluent
import SQLKit
import Vapor

/// `crm bench jobs`: queues many probe jobs, then runs them with one or more real `crm worker --until-idle`
/// processes on the same database, printing jobs per second; fails when a job ran twice or not at all. With
/// `--workers 2` on PostgreSQL it is the check that claiming never hands one job to two workers.
struct JobsBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "jobs", help: "Probe jobs to queue (default 100000)") var jobs: Int?
        @Option(name: "workers", help: "Worker processes (default 1)") var workers: Int?
        init() {}
    }

    var help: String { "Times real worker processes running many queued jobs, and checks that each ran exactly once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let jobs = signature.jobs ?? 100_000
        let workers = signature.workers ?? 1
        guard jobs > 0, (1...16).contains(workers) else { throw CommandFailure("--jobs must be positive and --workers 1 to 16") }
        try await app.autoMigrate()
        let db = app.db
        try await db.sql.delete(from: JobsHousekeeping.probeTable).run()
        try await db.sql.delete(from: JobQueue.table).where("kind", .equal, SQLBind("jobs.probe")).run()
        // Other due work would be run too and count against the time; only a scratch database gives clean figures.
        let now = app.clock.now()
        let clock = ContinuousClock()
        let queueing = try await clock.measure {
            var writer = BulkWriter(sql: db.sql)
            let payload = BulkValue.text("{}")
            let at = try BulkValue.constant(now.addingTimeInterval(-1))
            for start in stride(from: 0, to: jobs, by: 500) {
                let rows = (start..<min(start + 500, jobs)).map { _ in
                    [BulkValue.uuid(UUID()), "jobs.probe", payload, "queued", at, 0, 3, at] as [BulkValue]
                }
                try await writer.insert(into: JobQueue.table, columns: ["id", "kind", "payload", "state", "due_at", "attempts", "max_attempts", "created_at"], rows: rows)
            }
            try await writer.finish()
        }
        context.console.print("Queued \(jobs) probe jobs in \(queueing)")
        if db.sql.dialect.name == "postgresql" { try await db.sql.raw("ANALYZE jobs").run() }

        let program = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        var processes: [Process] = []
        let started = clock.now
        for _ in 0..<workers {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = ["worker", "--until-idle"]
            var environment = ProcessInfo.processInfo.environment
            environment["LOG_LEVEL"] = "error"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        let elapsed = clock.now - started
        let failed = processes.filter { $0.terminationStatus != 0 }.count
        let tally = try await JobsHousekeeping.probeTally(on: db.sql)
        let seconds = BenchTiming.seconds(elapsed)
        context.console.print("\(workers) worker process(es) ran \(tally.runs) jobs in \(String(format: "%.2f", seconds)) s: "
                              + String(format: "%.0f jobs/s", Double(tally.runs) / seconds) + "; \(tally.repeated) ran more than once")
        guard failed == 0 else { throw CommandFailure("\(failed) worker process(es) failed") }
        guard tally.repeated == 0, tally.jobs == jobs, tally.runs == jobs else {
            throw CommandFailure("expected each of \(jobs) jobs to run once; \(tally.jobs) ran, \(tally.runs) runs, \(tally.repeated) more than once")
        }
    }
}

/// `crm bench myday`: a user with many open tasks (default 10,000) spread over four months, then *my day* as a
/// page and through the API, timed over HTTP.
struct MyDayBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "tasks", help: "Open tasks of the user (default 10000)") var tasks: Int?
        @Option(name: "requests", help: "Timed requests of each kind (default 300)") var requests: Int?
        init() {}
    }

    var help: String { "Times my day for a user with many open tasks." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let count = signature.tasks ?? 10_000
        let requests = signature.requests ?? 300
        guard count > 0, requests > 1 else { throw CommandFailure("--tasks and --requests must be positive") }
        try await app.autoMigrate()
        let now = app.clock.now()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let created = try await app.users.create(.init(email: "myday\(suffix)@bench.example", name: "My day benchmark", role: Role.sales.rawValue,
                                                       timeZone: "Europe/Vilnius"))
        let userID = try created.user.requireID()
        let zone = TimeZone(identifier: "Europe/Vilnius")!
        let today = TaskDue.day(of: now, in: zone)
        var writer = BulkWriter(sql: app.db.sql)
        let at = try BulkValue.constant(now)
        let columns = ["id", "title", "kind", "priority", "status", "due_on", "due_time", "due_at", "assignee_id", "created_by_id", "created_at", "updated_at", "version"]
        for start in stride(from: 0, to: count, by: 500) {
            let rows = try (start..<min(start + 500, count)).map { index -> [BulkValue] in
                // Two months back to two months ahead, a third of them all day.
                let day = today.adding(days: index % 121 - 60)
                let minute: Int? = index % 3 == 0 ? nil : 8 * 60 + (index % 20) * 30
                let due = TaskDue(day: day, minuteOfDay: minute, timeZone: zone)
                return [.uuid(UUID()), .text("Bench task \(index)"), "call", "normal", "open", .text(day.description),
                        minute.map { .text(TaskDue.timeText($0)) } ?? .noText, try .constant(due.instant), .uuid(userID), .uuid(userID), at, at, 1]
            }
            try await writer.insert(into: TaskItem.schema, columns: columns, rows: rows)
        }
        try await writer.finish()
        if app.db.sql.dialect.name == "postgresql" { try await app.db.sql.raw("ANALYZE tasks").run() }
        context.console.print("Gave \(created.user.email) \(count) open tasks")

        let (page, api) = try await BenchSession.serving(app, user: created.user, password: created.password) { session in
            (try await session.time(requests, api: false) { _ in Site.myDay() }, try await session.time(requests, api: true) { _ in "/api/v1/my-day" })
        }
        for line in [BenchTiming.header, BenchTiming.row("my day page, \(count) open tasks", page), BenchTiming.row("my day (API)", api),
                     "target: my day page p95 < 20 ms"] { context.console.print(line) }
    }
}
