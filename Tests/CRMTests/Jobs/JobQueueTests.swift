import CRMCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import CRM

/// Jobs run at least once, have their effect once, back off when they fail and end *failed* with their error.
@Suite struct JobQueueTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    struct Welcome: Codable, Sendable { let email: String }

    /// A job whose effect is a user: it looks before it creates, as every kind must, since it may run twice.
    static func welcomeKind(calls: NIOLockedValueBox<Int>) -> JobKind {
        JobKind(name: "test.welcome", summary: "Create a user once") { run in
            calls.withLockedValue { $0 += 1 }
            let email = try run.decode(Welcome.self).email
            if try await User.query(on: run.db).filter(\.$email == email).first() == nil {
                _ = try await run.app.users.create(.init(email: email, name: "Welcome", role: Role.sales.rawValue))
            }
        }
    }

    @Test func aJobKilledHalfWayRunsAgainAndHasItsEffectOnce() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.start }
            let calls = NIOLockedValueBox(0)
            let kind = Self.welcomeKind(calls: calls)
            app.jobKinds = [kind.name: kind]
            let queue = JobQueue(db: app.db)
            let id = try #require(try await queue.enqueue(kind.name, payload: Welcome(email: "ona@example.lt"), due: Self.start, now: Self.start))

            // A worker claims it, does the work, and is killed before it records the job as done.
            let claimed = try await queue.claim(worker: "killed", limit: 10, now: Self.start, leaseUntil: Self.start.addingTimeInterval(120))
            #expect(claimed.map(\.id) == [id])
            try await kind.run(JobRun(id: id, kind: kind.name, payload: claimed[0].payload, attempt: 1, worker: "killed", app: app))

            // While its lease holds nobody else takes it; once it runs out, another worker does.
            let worker = JobWorker(app: app)
            #expect(try await worker.runDue() == 0)
            app.clock = AppClock { Self.start.addingTimeInterval(121) }
            #expect(try await worker.runDue() == 1)

            let job = try #require(try await queue.jobs(ids: [id]).first)
            #expect(job.state == "done" && job.attempts == 2 && job.claimedBy == worker.name)
            #expect(calls.withLockedValue { $0 } == 2)
            #expect(try await User.query(on: app.db).filter(\.$email == "ona@example.lt").count() == 1)
        }
    }

    @Test func aFailingJobBacksOffAndEndsFailedWithItsError() async throws {
        try await withTestApp { app in
            var now = Self.start
            let clock = NIOLockedValueBox(now)
            app.clock = AppClock { clock.withLockedValue { $0 } }
            app.jobKinds = ["test.bounce": JobKind(name: "test.bounce", summary: "Always fails", maxAttempts: 3) { _ in
                throw APIError.conflict("The mail server said no.")
            }]
            let queue = JobQueue(db: app.db)
            let id = try #require(try await queue.enqueue("test.bounce", due: now, now: now, maxAttempts: 3))
            let worker = JobWorker(app: app)

            #expect(try await worker.runDue() == 1)
            var job = try #require(try await queue.jobs(ids: [id]).first)
            #expect(job.state == "queued" && job.attempts == 1 && job.dueAt == now.addingTimeInterval(60))
            #expect(job.lastError?.contains("The mail server said no.") == true)
            #expect(try await worker.runDue() == 0, "not before its backoff")

            now = now.addingTimeInterval(60)
            clock.withLockedValue { $0 = now }
            #expect(try await worker.runDue() == 1)
            job = try #require(try await queue.jobs(ids: [id]).first)
            #expect(job.state == "queued" && job.attempts == 2 && job.dueAt == now.addingTimeInterval(240))

            now = now.addingTimeInterval(240)
            clock.withLockedValue { $0 = now }
            #expect(try await worker.runDue() == 1)
            job = try #require(try await queue.jobs(ids: [id]).first)
            #expect(job.state == "failed" && job.attempts == 3)
            #expect(job.lastError?.contains("The mail server said no.") == true)
            now = now.addingTimeInterval(86_400)
            clock.withLockedValue { $0 = now }
            #expect(try await worker.runDue() == 0, "a failed job waits for a person")
        }
    }

    @Test func aWorkerStoppedOnTheLastAttemptLeavesTheJobFailed() async throws {
        try await withTestApp { app in
            app.clock = AppClock { Self.start }
            let calls = NIOLockedValueBox(0)
            let kind = Self.welcomeKind(calls: calls)
            app.jobKinds = [kind.name: kind]
            let queue = JobQueue(db: app.db)
            let id = try #require(try await queue.enqueue(kind.name, payload: Welcome(email: "ona@example.lt"), due: Self.start, now: Self.start, maxAttempts: 1))
            _ = try await queue.claim(worker: "killed", limit: 1, now: Self.start, leaseUntil: Self.start.addingTimeInterval(120))
            app.clock = AppClock { Self.start.addingTimeInterval(121) }
            #expect(try await JobWorker(app: app).runDue() == 1)
            let job = try #require(try await queue.jobs(ids: [id]).first)
            #expect(job.state == "failed" && job.lastError == "The worker stopped during attempt 1; no attempts left.")
            #expect(calls.withLockedValue { $0 } == 0)
        }
    }

    @Test func aUniqueKeyQueuesOnce() async throws {
        try await withTestApp { app in
            let queue = JobQueue(db: app.db)
            let first = try await queue.enqueue("jobs.probe", due: Self.start, now: Self.start, uniqueKey: "once")
            let second = try await queue.enqueue("jobs.probe", due: Self.start, now: Self.start, uniqueKey: "once")
            #expect(first != nil && second == nil)
            let counts = try await queue.counts()
            #expect(counts == ["queued": 1])
        }
    }

    /// Two workers with their own connections (two servers, or `crm worker` twice) share the queue: every job runs,
    /// none twice. `crm bench jobs --workers 2` does the same with two real processes.
    @Test func twoWorkersOnOneDatabaseRunEachJobOnce() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("crm-jobs-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await withTestApp(database: isPostgresRun ? nil : .sqliteFile(path: file)) { app in
            let now = Date()
            for _ in 0..<300 { try await JobQueue(db: app.db).enqueue("jobs.probe", due: now, now: now) }
            let other = try await Application.make(.testing)
            try await configure(other, config: app.config)
            async let first = JobWorker(app: app).runDue()
            async let second = JobWorker(app: other).runDue()
            let ran = try await (first, second)
            try await other.asyncShutdown()

            #expect(ran.0 + ran.1 == 300)
            let tally = try await JobsHousekeeping.probeTally(on: app.db.sql)
            #expect(tally.jobs == 300 && tally.runs == 300 && tally.repeated == 0)
            #expect(try await JobQueue(db: app.db).counts() == ["done": 300])
        }
    }
}
