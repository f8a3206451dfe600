import Vapor

/// `crm worker`: runs background jobs without serving HTTP, beside servers started with `CRM_JOBS=off` or as a
/// second worker; any number may run on one PostgreSQL database.
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "until-idle", help: "Exit once no job is due (for scripts and the benchmark)") var untilIdle: Bool
        init() {}
    }

    var help: String { "Runs scheduled and queued background jobs until stopped (Ctrl-C), or until none is due with --until-idle." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let worker = JobWorker(app: app)
        if signature.untilIdle {
            try await worker.syncSchedules()
            let ran = try await worker.runDue()
            context.console.print("Ran \(ran) job(s); none is due.")
            return
        }
        context.console.print("Worker \(worker.name) running jobs; Ctrl-C stops it.")
        let loop = Task { await worker.loop() }
        await StopSignal.wait()
        loop.cancel()
        await loop.value
    }
}

/// Waits for SIGINT or SIGTERM, so a worker finishes the job in hand before it exits.
enum StopSignal {
    static func wait() async {
        let stream = AsyncStream<Void> { continuation in
            // Kept alive by the termination handler until the stream ends.
            nonisolated(unsafe) let sources = [SIGINT, SIGTERM].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield() }
                source.resume()
                return source
            }
            continuation.onTermination = { _ in sources.forEach { $0.cancel() } }
        }
        for await _ in stream { return }
    }
}
