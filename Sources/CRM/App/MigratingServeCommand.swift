import Fluent
import Vapor

/// `crm serve`: brings the database up to date and makes sure someone can sign in, then serves.
struct MigratingServeCommand: AsyncCommand {
    typealias Signature = ServeCommand.Signature
    var help: String { "Runs pending migrations, creates the first admin if there is none, then serves the CRM." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        if let created = try await FirstAdmin.createIfNoUsers(on: app.db, app: app) {
            context.console.info("Created the first admin account. Sign in with:")
            context.console.info("  email:    \(created.email)")
            context.console.info("  password: \(created.password)")
            context.console.info("This password is shown only once; change it under Settings after signing in.")
        }
        try await app.servers.asyncCommand.run(using: context, signature: signature)
    }
}
