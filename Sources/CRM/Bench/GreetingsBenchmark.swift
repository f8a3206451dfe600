import CRMCore
import Fluent
import Foundation
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// `crm bench greetings`: the customers benchmark's contacts (default 1,000,000; a third without marketing consent),
/// then a greeting to every contact: the preview's page of 100 timed, and the whole run — messages prepared and
/// queued per second, and the process's peak memory. Mail is queued, not delivered (no worker runs).
struct GreetingsBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "contacts", help: "Contacts to load (default 1000000)") var contacts: Int?
        @Flag(name: "reuse", help: "Send again on a database this benchmark filled (earlier greetings are removed first)") var reuse: Bool
        init() {}
    }

    var help: String { "Times a holiday greeting to every contact of a large scratch database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let contacts = signature.contacts ?? 1_000_000
        guard contacts >= 10 else { throw CommandFailure("--contacts must be at least 10") }
        try await app.autoMigrate()
        if signature.reuse {
            guard try await Contact.query(on: app.db).count() > 0 else { throw CommandFailure("--reuse needs a database filled by an earlier run") }
            try await Greeting.query(on: app.db).delete()
            try await app.db.sql.raw("DELETE FROM outbound_mail").run()
            try await app.db.sql.raw("DELETE FROM interactions").run()
        } else {
            guard try await User.query(on: app.db).count() == 0 else {
                throw CommandFailure("the benchmark fills the database with made-up contacts; point DATABASE_URL at an empty scratch database")
            }
            if case .sqliteFile = app.config.database { app.databases.reinitialize() }
            let loaded = try await ContinuousClock().measure { _ = try await CustomerBenchmark.load(contacts: contacts, on: app.db, now: app.clock.now()) }
            context.console.print(String(format: "Loaded %d contacts in %.1f s", contacts, BenchTiming.seconds(loaded)))
        }
        // Queued only: the outbox is filled as it would be, nothing is handed to a mail program.
        app.config.sendmail = ["true"]
        let actor = try await User.query(on: app.db).first()!
        let now = app.clock.now()
        let year = CalendarDate.today(at: now).year
        let greeting = try await Greetings(db: app.db, now: now)
            .save(.init(calendar: "LT", holidayDay: "\(year)-12-25", holidayName: "Christmas Day", everyone: true), actor: actor)
        let run = GreetingRun(db: app.db, app: app, now: now)
        let preview = try await BenchTiming.time(20) { _ = try await run.preview(greeting, after: nil, limit: 100) }
        let before = Self.peakResidentMegabytes()
        var sent = 0
        let took = try await ContinuousClock().measure { sent = try await run.send(greeting) }
        let seconds = BenchTiming.seconds(took)
        let decided = try await GreetingSend.query(on: app.db).count()
        for line in [BenchTiming.header, BenchTiming.row("greeting preview, 100 contacts", preview),
                     String(format: "greeting run: %d contacts decided, %d greetings queued in %.1f s", decided, sent, seconds),
                     String(format: "  %.0f contacts/s, %.0f messages prepared and queued/s", Double(decided) / seconds, Double(sent) / seconds),
                     "  peak memory: \(Self.peakResidentMegabytes()) MB (\(before) MB before the run)"] {
            context.console.print(line)
        }
    }

    /// The process's peak resident memory so far, in megabytes (`ru_maxrss`, kilobytes on Linux).
    static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Int(usage.ru_maxrss) / 1_024
    }
}
