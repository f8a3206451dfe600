import Fluent
import Vapor

/// Durable background work: the job queue, recurring schedules, the workers that run them (`crm worker`, and
/// `crm serve` unless `CRM_JOBS=off`), and the admins' jobs page. Other areas offer their work as `JobKind`s.
enum JobsArea: Area {
    static let migrations: [any Migration] = [CreateJobs()]

    static var commands: [(name: String, command: any AnyAsyncCommand)] { [("worker", WorkerCommand())] }

    static var schemas: [(String, JSONSchema)] { [("Job", JobQueue.Row.schema), ("JobSchedule", JobSchedules.Summary.schema)] }

    static func contribute(to contributions: inout Contributions) {
        contributions.jobKinds += JobsHousekeeping.kinds
    }

    static func routes(_ routes: AreaRoutes) throws {
        routes.api.get("jobs", use: JobsAPIController.list)
        routes.api.post("jobs", ":jobID", "retry", use: JobsAPIController.retry)
        routes.api.post("jobs", ":jobID", "discard", use: JobsAPIController.discard)
        routes.api.get("job-schedules", use: JobsAPIController.schedules)
        routes.api.post("job-schedules", ":name", "run", use: JobsAPIController.runNow)

        routes.pages.get(Site.jobs, use: JobsPage.show)
        routes.pages.post(Site.jobRetry, use: JobsPage.retry)
        routes.pages.post(Site.jobDiscard, use: JobsPage.discard)
        routes.pages.post(Site.jobScheduleRun, use: JobsPage.runNow)
        routes.pages.post(Site.jobsProbe, use: JobsPage.probe)
    }

    static var apiOperations: [APIOperation] {
        let job = APIOperation.pathParameter("jobID", "The job's id")
        let name = APIOperation.Parameter(name: "name", location: .path, schema: .string(), description: "The schedule's name, e.g. sales.tiers.recompute")
        return [
            .init(method: .GET, path: "/jobs", summary: "Background jobs in one state, most recent first (admins)", tag: "Jobs",
                  parameters: [APIOperation.query("state", .string(enumeration: JobQueue.State.allCases.map(\.rawValue)), "Default failed"),
                               APIOperation.query("limit", .integer(description: "1–200, default 50"), "Jobs")],
                  response: .array(.ref("Job")), errors: [400, 401, 403]),
            .init(method: .POST, path: "/jobs/{jobID}/retry", summary: "Queue a failed job again now, attempts counted afresh (admins)", tag: "Jobs",
                  parameters: [job], response: .ref("Job"), errors: [400, 401, 403, 404, 409]),
            .init(method: .POST, path: "/jobs/{jobID}/discard", summary: "Give up on a failed job (admins)", tag: "Jobs",
                  parameters: [job], response: .ref("Job"), errors: [400, 401, 403, 404, 409]),
            .init(method: .GET, path: "/job-schedules", summary: "Recurring work with its last run and next run (admins)", tag: "Jobs",
                  response: .array(.ref("JobSchedule")), errors: [401, 403]),
            .init(method: .POST, path: "/job-schedules/{name}/run", summary: "Queue a schedule's work now, outside its schedule (admins)", tag: "Jobs",
                  parameters: [name], successStatus: 202, errors: [401, 403, 404]),
        ]
    }
}
