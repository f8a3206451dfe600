import CRMCore
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Admins see schedules and failures, and retry or discard a failed job, on the page and through the API.
@Suite struct JobsPageTests {
    func failedJob(_ app: Application) async throws -> UUID {
        app.jobKinds["test.bounce"] = JobKind(name: "test.bounce", summary: "Always fails", maxAttempts: 1) { _ in
            throw APIError.conflict("The ledger is closed.")
        }
        let now = app.clock.now()
        let id = try #require(try await JobQueue(db: app.db).enqueue("test.bounce", due: now, now: now, maxAttempts: 1))
        try await JobWorker(app: app).runDue()
        return id
    }

    @Test func anAdminRetriesAndDiscardsAFailedJobOnThePage() async throws {
        try await withTestApp { app in
            // A stopped clock: a minute boundary passing during a slow run would otherwise queue `mail.retry` as well.
            let stopped = Date()
            app.clock = AppClock { stopped }
            try await JobSchedules(db: app.db).sync(Array(app.jobKinds.values), timeZone: app.config.timeZone, now: app.clock.now())
            let id = try await failedJob(app)
            let (_, password) = try await app.makeUser("admin@example.lt", role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn("admin@example.lt", password)

            var page = try await browser.get(Site.jobs())
            #expect(page.status == .ok)
            #expect(browser.lastBody.contains("Recompute customer tiers by trailing twelve-month profit"))
            #expect(browser.lastBody.contains("0 2 * * *") && browser.lastBody.contains("not run yet"))
            #expect(browser.lastBody.contains("test.bounce") && browser.lastBody.contains("The ledger is closed."))

            page = try await browser.post(Site.jobRetry(id))
            #expect(page.status == .ok && browser.lastBody.contains("The job is queued again."))
            #expect(try await JobQueue(db: app.db).jobs(ids: [id]).first?.state == "queued")
            try await JobWorker(app: app).runDue()
            page = try await browser.post(Site.jobDiscard(id))
            #expect(try await JobQueue(db: app.db).jobs(ids: [id]).first?.state == "discarded")

            page = try await browser.post(Site.jobScheduleRun("sales.tiers.recompute"))
            #expect(page.status == .ok)
            #expect(try await JobWorker(app: app).runDue() == 1)
            try await browser.get(Site.jobs())
            #expect(!browser.lastBody.contains("not run yet") || browser.lastBody.contains("done"))

            try await browser.post(Site.jobsProbe())
            try await JobWorker(app: app).runDue()
            try await browser.get(Site.jobs())
            #expect(browser.lastBody.contains("Probe run by"))
        }
    }

    @Test func theAPIListsRetriesAndRefusesWhatIsNotFailed() async throws {
        try await withTestApp { app in
            let id = try await failedJob(app)
            let (admin, _) = try await app.apiClient("admin@example.lt", role: .admin)
            let failed = try await admin.decode([JobQueue.Row].self, .GET, "/api/v1/jobs?state=failed")
            #expect(failed.map(\.id) == [id] && failed.first?.lastError?.contains("The ledger is closed.") == true)
            let retried = try await admin.decode(JobQueue.Row.self, .POST, "/api/v1/jobs/\(id)/retry")
            #expect(retried.state == "queued" && retried.attempts == 0)
            let again = try await admin.send(.POST, "/api/v1/jobs/\(id)/discard")
            #expect(again.status == .conflict)
            #expect(try await admin.send(.GET, "/api/v1/jobs?state=lost").status == .badRequest)
            #expect(try await admin.send(.POST, "/api/v1/job-schedules/nothing/run").status == .notFound)

            let (seller, _) = try await app.apiClient("ona@example.lt")
            #expect(try await seller.send(.GET, "/api/v1/jobs").status == .forbidden)
        }
    }
}
