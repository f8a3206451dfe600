import CRMCore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

enum DatabaseSetup {
    /// How long a request waits for a free connection. SQLite has one per event loop, so a long write (an import)
    /// holds back the other requests on its loop: they wait for it rather than fail after the drivers' 10 seconds.
    static let connectionWait = TimeAmount.seconds(30)

    static func use(_ config: AppConfig, on app: Application) throws {
        switch config.database {
        case let .sqliteFile(path):
            app.databases.use(.sqlite(.file(path), connectionPoolTimeout: connectionWait), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory), as: .sqlite)
        case let .postgres(url):
            var configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw AppConfig.Invalid(description: "DATABASE_URL is not a PostgreSQL URL this server understands (\(error))")
            }
            if let schema = config.postgresSchema { configuration.searchPath = [schema] }
            app.databases.use(.postgres(configuration: configuration, connectionPoolTimeout: connectionWait), as: .psql)
        }
    }

    /// Settings that belong to the database file rather than to a connection.
    static func prepare(_ app: Application, config: AppConfig) async throws {
        guard let sql = app.db as? any SQLDatabase else { return }
        switch config.database {
        case .sqliteFile:
            // WAL lets readers carry on while one writer writes; the mode is stored in the file.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        case .sqliteMemory:
            break
        case .postgres:
            if let schema = config.postgresSchema {
                try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
            }
        }
    }
}
