import CRMCore
import Fluent
import Vapor

/// Sets up the application: database, sessions, middleware, then each area's migrations and routes.
public func configure(_ app: Application, config: AppConfig) async throws {
    app.config = config
    // SQLite works on the blocking thread pool, and a writer waiting for SQLite's single write lock keeps its thread.
    // The process-wide pool has one thread per core: writers of two applications in one process (the tests) could
    // hold them all while the lock holders wait for a thread. Each application gets its own pool, larger than its
    // connection count, so a lock holder always finds a thread. Set before the databases, which take it.
    let threads = NIOThreadPool(numberOfThreads: max(4, System.coreCount * 2))
    threads.start()
    app.threadPool = threads
    try DatabaseSetup.use(config, on: app)
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.dummyPasswordHash = try Bcrypt.hash(SecretGenerator.password(), cost: config.bcryptCost)

    JSONCoding.install

    // Large enough that an over-long field gets a field error rather than a bare 413; imports set their own limits.
    app.routes.defaultMaxBodySize = "1mb"
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(CRMErrorMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())

    app.useAuthCache()
    app.sessions.use { _ in HashedSessionDriver() }
    app.sessions.configuration = WebSession.configuration(secure: config.secureCookies)

    for area in Areas.all {
        area.migrations.forEach { app.migrations.add($0) }
    }
    Areas.registerContributions(on: app)
    try Areas.registerRoutes(on: app)
    Areas.registerCommands(on: app)

    try await DatabaseSetup.prepare(app, config: config)
}

/// ISO 8601 dates in JSON. The content configuration is process-wide, so it is set once
/// (a lazy static is initialised exactly once, even when several apps start in parallel in tests).
enum JSONCoding {
    static let install: Void = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        ContentConfiguration.global.use(encoder: encoder, for: .json)
        ContentConfiguration.global.use(decoder: decoder, for: .json)
    }()
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    /// The configuration the app was started with.
    public internal(set) var config: AppConfig {
        get { storage[ConfigKey.self] ?? AppConfig(database: .sqliteMemory) }
        set { storage[ConfigKey.self] = newValue }
    }
}
