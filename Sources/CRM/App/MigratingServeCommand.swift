import Fluent
import Vapor

/// `crm serve`: brings the database up to date and makes sure someone can sign in, then serves, running background
/// jobs beside (unless `CRM_JOBS=off`).
struct MigratingServeCommand: AsyncCommand {
    typealias Signature = ServeCommand.Signature
    var help: String { "Runs pending migrations, creates the first admin if there is none, then serves the CRM." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        if let created = try await FirstAdmin.createIfNoAdmin(on: app.db, app: app) {
            FirstAdmin.announcement(created).forEach { context.console.info($0) }
        }
        if app.config.runsJobs { JobWorkerLifecycle.start(on: app) }
        try await app.servers.asyncCommand.run(using: context, signature: signature)
    }
}
