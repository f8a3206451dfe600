import CRMCore
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import CRM

/// Recurring work is queued once per period, however many workers look and across a restart and daylight saving.
@Suite struct JobScheduleTests {
    func instant(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }

    @Test func aDailyScheduleFiresOnceADayAcrossARestartAndADaylightSavingChange() async throws {
        try await withTestApp { app in
            let clock = NIOLockedValueBox(try instant("2026-03-27T12:00:00Z"))
            app.clock = AppClock { clock.withLockedValue { $0 } }
            app.config.timeZone = try #require(TimeZone(identifier: "Europe/Vilnius"))
            let runs = NIOLockedValueBox<[Date]>([])
            // 03:30 in Vilnius: skipped on 29 March 2026, when the clocks go from 03:00 to 04:00.
            let kind = JobKind(name: "test.nightly", summary: "Nightly", maxAttempts: 1, schedule: "30 3 * * *") { run in
                runs.withLockedValue { $0.append(run.now) }
            }
            app.jobKinds = [kind.name: kind]
            try await JobSchedules(db: app.db).sync([kind], timeZone: app.config.timeZone, now: app.clock.now())

            var worker = JobWorker(app: app)
            var hour = try instant("2026-03-27T12:00:00Z")
            while hour < (try instant("2026-03-31T12:00:00Z")) {
                clock.withLockedValue { $0 = hour }
                try await worker.runDue()
                try await worker.runDue()
                if hour == (try instant("2026-03-29T12:00:00Z")) {
                    // A restart: a new worker syncs the same schedules and carries on from the stored next run.
                    try await JobSchedules(db: app.db).sync([kind], timeZone: app.config.timeZone, now: hour)
                    worker = JobWorker(app: app)
                }
                hour = hour.addingTimeInterval(1_800)
            }
            #expect(runs.withLockedValue { $0 }.map { ISO8601DateFormatter().string(from: $0) }
                    == ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"])
        }
    }

    @Test func twoWorkersQueueEachRunOnce() async throws {
        try await withTestApp { app in
            let start = try instant("2026-12-01T10:00:00Z")
            app.clock = AppClock { start }
            let kind = JobKind(name: "test.hourly", summary: "Hourly", maxAttempts: 1, schedule: "@hourly") { _ in }
            app.jobKinds = [kind.name: kind]
            try await JobSchedules(db: app.db).sync([kind], timeZone: app.config.timeZone, now: start)
            app.clock = AppClock { start.addingTimeInterval(3_600 * 5) }
            // Missed runs while stopped are caught up once, then the schedule goes on from now.
            async let first = JobSchedules(db: app.db).queueDue(kinds: app.jobKinds, now: app.clock.now())
            async let second = JobSchedules(db: app.db).queueDue(kinds: app.jobKinds, now: app.clock.now())
            #expect(try await first + second == 1)
            #expect(try await JobQueue(db: app.db).counts() == ["queued": 1])
            #expect(try await JobSchedules(db: app.db).rows().first?.nextRunAt == start.addingTimeInterval(3_600 * 6))
        }
    }

    /// CI found this on PostgreSQL: two `crm worker` processes starting together both inserted the same schedule.
    @Test func workersStartingTogetherWriteEachScheduleOnce() async throws {
        try await withTestApp { app in
            let now = try instant("2026-12-01T10:15:00Z")
            let kinds = (1...6).map { JobKind(name: "test.k\($0)", summary: "K", schedule: "@hourly") { _ in } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Two at once, as the two workers CI started: enough for the race, little for a loaded machine.
                for _ in 0..<2 { group.addTask { try await JobSchedules(db: app.db).sync(kinds, timeZone: app.config.timeZone, now: now) } }
                try await group.waitForAll()
            }
            #expect(try await JobSchedules(db: app.db).rows().map(\.name) == kinds.map(\.name))
        }
    }

    @Test func changedExpressionsAreWrittenAndWithdrawnKindsDropped() async throws {
        try await withTestApp { app in
            let now = try instant("2026-12-01T10:15:00Z")
            let schedules = JobSchedules(db: app.db)
            let nightly = JobKind(name: "test.nightly", summary: "Nightly", schedule: "0 2 * * *") { _ in }
            let hourly = JobKind(name: "test.hourly", summary: "Hourly", schedule: "@hourly") { _ in }
            try await schedules.sync([nightly, hourly], timeZone: app.config.timeZone, now: now)
            #expect(try await schedules.rows().map(\.name) == ["test.hourly", "test.nightly"])
            let moved = JobKind(name: "test.nightly", summary: "Nightly", schedule: "0 4 * * *") { _ in }
            try await schedules.sync([moved], timeZone: app.config.timeZone, now: now)
            let rows = try await schedules.rows()
            #expect(rows.map(\.name) == ["test.nightly"] && rows.first?.cron == "0 4 * * *")
            #expect(rows.first?.nextRunAt == (try instant("2026-12-02T04:00:00Z")))
        }
    }

    @Test func theAreasOfferTheirRecurringWork() async throws {
        try await withTestApp { app in
            let scheduled = app.jobKinds.values.filter { $0.schedule != nil }.map(\.name).sorted()
            #expect(scheduled == ["auth.sessions.sweep", "jobs.prune", "loyalty.greetings", "loyalty.reorders", "loyalty.revisits", "mail.retry", "sales.tiers.recompute", "service.sla.watch", "tasks.remind"])
            for kind in app.jobKinds.values { if let schedule = kind.schedule { _ = try CronSchedule(schedule) } }
        }
    }
}
