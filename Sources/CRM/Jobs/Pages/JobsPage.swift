import Fluent
import Vapor

/// `/admin/jobs`: each schedule with its last and next run, the failed jobs with *retry* and *discard*, what is
/// queued and running, and a probe that shows the workers are alive.
enum JobsPage {
    @Sendable static func show(_ request: Request) async throws -> Response {
        try await page(request, notice: nil).response()
    }

    @Sendable static func retry(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canManageJobs)
        try await JobQueue(db: request.db).retry(try request.pathUUID("jobID"), now: request.now)
        return try await page(request, notice: "The job is queued again.").response()
    }

    @Sendable static func discard(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canManageJobs)
        try await JobQueue(db: request.db).discard(try request.pathUUID("jobID"), now: request.now)
        return try await page(request, notice: "The job is discarded.").response()
    }

    @Sendable static func runNow(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canManageJobs)
        let name = request.parameters.get("name") ?? ""
        try await JobSchedules(db: request.db).runNow(name, kinds: request.application.jobKinds, now: request.now)
        return try await page(request, notice: "\(name) is queued to run now.").response()
    }

    @Sendable static func probe(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canManageJobs)
        try await JobQueue(db: request.db).enqueue("jobs.probe", due: request.now, now: request.now, maxAttempts: 3)
        return try await page(request, notice: "A probe job is queued: a worker that runs it appears below within seconds.").response()
    }

    private static func page(_ request: Request, notice: String?) async throws -> Node {
        _ = try request.requireRole(\.canManageJobs)
        let queue = JobQueue(db: request.db)
        let schedules = try await JobSchedules(db: request.db).summaries(kinds: request.application.jobKinds)
        let counts = try await queue.counts()
        let failed = try await queue.jobs(in: .failed, limit: 100)
        let running = try await queue.jobs(in: .running, limit: 20)
        let queued = try await queue.jobs(in: .queued, limit: 20)
        let probes = try await JobsHousekeeping.latestProbes(on: request.db.sql, limit: 5)
        let zone = request.userTimeZone
        let context = PageContext(request, notice: notice)
        return Layout.page("Background jobs", context) {
            Node.h1 { "Background jobs" }
            Node.p(.class("muted")) {
                Node.text("Queued \(counts["queued"] ?? 0) · running \(counts["running"] ?? 0) · failed \(counts["failed"] ?? 0). ")
                Node.text(request.application.config.runsJobs ? "This server runs jobs; `crm worker` processes may run them too."
                      : "This server does not run jobs (CRM_JOBS=off): `crm worker` processes run them.")
            }
            Node.section(.class("card"), .aria("label", "Schedules")) {
                Node.h2 { "Schedules" }
                Node.table(.class("list")) {
                    Node.thead { Node.tr { Node.th { "Work" }; Node.th { "When" }; Node.th { "Last run" }; Node.th { "Outcome" }; Node.th { "Took" }; Node.th { "Next run" }; Node.th { "" } } }
                    Node.tbody {
                        for schedule in schedules {
                            Node.tr {
                                Node.td { Node.div { .text(schedule.summary) }; Node.small(.class("muted")) { .text(schedule.name) } }
                                Node.td { Node.div { Node.code { .text(schedule.cron) } }; Node.small(.class("muted")) { .text(schedule.timeZone) } }
                                Node.td { DateText.node(schedule.lastRun?.startedAt ?? schedule.lastRun?.createdAt, timeZone: zone) }
                                Node.td { outcome(schedule.lastRun) }
                                Node.td { .text(schedule.lastDurationMs.map { $0 < 1_000 ? "\($0) ms" : "\($0 / 1_000) s" } ?? "—") }
                                Node.td { DateText.node(schedule.nextRunAt, timeZone: zone) }
                                Node.td {
                                    Node.form(.method("post"), .action(Site.jobScheduleRun(schedule.name))) {
                                        context.csrfField
                                        Node.button(.type("submit"), .class("secondary")) { "Run now" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Node.section(.class("card"), .aria("label", "Failed jobs")) {
                Node.h2 { .text("Failed jobs (\(counts["failed"] ?? 0))") }
                if failed.isEmpty { Node.p(.class("muted")) { "No job has failed." } }
                for job in failed {
                    Node.div(.class("competitor")) {
                        Node.p {
                            Node.strong { .text(job.kind) }
                            Node.text(" · \(job.attempts) of \(job.maxAttempts) attempts · failed ")
                            DateText.node(job.finishedAt, timeZone: zone)
                        }
                        Node.p(.class("prose")) { Node.code { .text(job.lastError ?? "") } }
                        Node.div(.class("actions")) {
                            Node.form(.method("post"), .action(Site.jobRetry(job.id))) {
                                context.csrfField
                                Node.button(.type("submit")) { "Retry" }
                            }
                            Node.form(.method("post"), .action(Site.jobDiscard(job.id))) {
                                context.csrfField
                                Node.button(.type("submit"), .class("secondary")) { "Discard" }
                            }
                        }
                    }
                }
            }
            Node.section(.class("card"), .aria("label", "Running and queued")) {
                Node.h2 { "Running and queued" }
                if running.isEmpty && queued.isEmpty { Node.p(.class("muted")) { "Nothing is running or waiting." } }
                Node.ul(.class("plain")) {
                    for job in running {
                        Node.li { Node.strong { .text(job.kind) }; .text(" running on \(job.claimedBy ?? "?") since "); DateText.node(job.startedAt, timeZone: zone) }
                    }
                    for job in queued {
                        Node.li {
                            Node.strong { .text(job.kind) }
                            Node.text(job.attempts > 0 ? " retry \(job.attempts + 1) due " : " due ")
                            DateText.node(job.dueAt, timeZone: zone)
                            if let error = job.lastError { Node.small(.class("muted")) { .text(" — last error: \(error.prefix(200))") } }
                        }
                    }
                }
            }
            Node.section(.class("card"), .aria("label", "Workers")) {
                Node.h2 { "Workers" }
                Node.form(.method("post"), .action(Site.jobsProbe())) {
                    context.csrfField
                    Node.button(.type("submit"), .class("secondary")) { "Check the workers" }
                }
                if !probes.isEmpty {
                    Node.ul(.class("plain")) {
                        for probe in probes { Node.li { .text("Probe run by \(probe.worker) at "); DateText.node(probe.ranAt, timeZone: zone) } }
                    }
                }
            }
        }
    }

    private static func outcome(_ run: JobQueue.Row?) -> Node {
        guard let run else { return .text("not run yet") }
        switch run.state {
        case JobQueue.State.failed.rawValue: return Node.span(.class("tag warn")) { .text("failed") }
        case JobQueue.State.queued.rawValue where run.attempts > 0: return Node.span(.class("tag warn")) { .text("retrying") }
        default: return Node.span(.class("tag")) { .text(run.state) }
        }
    }
}
