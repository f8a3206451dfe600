import Fluent
import SQLKit

/// Durable jobs, the recurring schedules that enqueue them, and the probe jobs' runs (how an admin, and the
/// benchmark, see that workers run each job once).
struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("due_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("last_error", .string)
            .field("claimed_by", .string)
            .field("lease_until", .datetime)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("schedule", .string)
            .field("unique_key", .string)
            .unique(on: "unique_key")
            .create()
        // Claiming reads due queued jobs and expired leases in due order.
        try await database.sql.create(index: "jobs_state_due").on("jobs").column("state").column("due_at").run()
        try await database.sql.create(index: "jobs_schedule_finished").on("jobs").column("schedule").column("finished_at").run()

        try await database.schema("job_schedules")
            .field("name", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("cron", .string, .required)
            .field("time_zone", .string, .required)
            .field("next_run_at", .datetime, .required)
            .create()

        try await database.schema("job_probe_runs")
            .id()
            .field("job_id", .uuid, .required)
            .field("worker", .string, .required)
            .field("ran_at", .datetime, .required)
            .create()
        try await database.sql.create(index: "job_probe_runs_job").on("job_probe_runs").column("job_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_probe_runs").delete()
        try await database.schema("job_schedules").delete()
        try await database.schema("jobs").delete()
    }
}
