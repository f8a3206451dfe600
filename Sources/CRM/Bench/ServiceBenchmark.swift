import AsyncHTTPClient
import CRMCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// `crm bench service`: a service desk with many cases (default 1,000,000, of them 200,000 open, spread over four
/// departments), then a department's queue sorted by SLA urgency as a page and through the API, and the SLA watch
/// over the open cases (1 % of them due for a warning) — its first run and a run with nothing due.
struct ServiceBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "cases", help: "Cases in all (default 1000000)") var cases: Int?
        @Option(name: "open", help: "Of them open (default 200000)") var open: Int?
        @Option(name: "requests", help: "Timed requests of each kind (default 200)") var requests: Int?
        init() {}
    }

    var help: String { "Times the case queue and the SLA watch with many cases." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let total = signature.cases ?? 1_000_000
        let openCount = signature.open ?? 200_000
        let requests = signature.requests ?? 200
        guard total > 0, (1...total).contains(openCount), requests > 1 else { throw CommandFailure("--cases, --open and --requests must be positive, open at most cases") }
        try await app.autoMigrate()
        guard try await ServiceCase.query(on: app.db).count() == 0 else { throw CommandFailure("the database has cases already: give the benchmark an empty one") }
        let now = app.clock.now()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let created = try await app.users.create(.init(email: "desk\(suffix)@bench.example", name: "Service benchmark", role: Role.service.rawValue,
                                                       timeZone: "Europe/Vilnius"))
        let userID = try created.user.requireID()
        // Around the clock, so the clocks of the generated rows are plain arithmetic and the watch agrees with them.
        var input = ServiceSettings(calendar: .allHours(in: .gmt), riskPercent: 75, targets: SLATarget.defaults).input
        input.targets = CasePriority.allCases.map { .init(priority: $0.rawValue, tier: nil, firstResponseMinutes: 8 * 60, resolutionMinutes: 30 * 1_440) }
        _ = try await ServiceSettings.save(input, on: app.db)
        var departments: [UUID] = []
        for name in ["Customer service", "Manufacturing", "Quality", "Finance"] {
            departments.append(try await Departments(db: app.db).save(.init(name: name, memberIds: [userID], isDefault: departments.isEmpty)))
        }

        let started = ContinuousClock.now
        var writer = BulkWriter(sql: app.db.sql)
        let target = 30 * 86_400, firstTarget = 8 * 3_600
        let common = ["id", "number", "kind", "status", "priority", "channel", "subject", "department_id", "first_response_target", "first_response_used",
                      "first_response_met_at", "resolution_target", "resolution_used", "active", "queue_at", "reopened", "created_at", "updated_at", "version"]
        let kinds = CaseKind.allCases.map(\.rawValue), priorities = CasePriority.allCases.map(\.rawValue)
        func commonValues(_ index: Int, createdAt: Date, active: Bool, queueAt: Date) throws -> [BulkValue] {
            [.uuid(UUID()), .integer(100_000 + index), .text(kinds[index % kinds.count]), active ? (index % 3 == 0 ? "new" : "open") : "closed",
             .text(priorities[index % priorities.count]), "email", .text("Bench case \(index)"), .uuid(departments[index % departments.count]),
             .integer(firstTarget), 1_800, try .constant(createdAt.addingTimeInterval(1_800)), .integer(target), 0, .bool(active), try .constant(queueAt), 0,
             try .constant(createdAt), try .constant(createdAt), 1]
        }
        // Open cases: opened within the last 22 days, so none is at risk (75 % of 30 days) — except one in a hundred,
        // opened 22.5 to 23 days ago, whose warning is due.
        let openColumns = common + ["resolution_since", "resolution_due_at", "alert_at", "assignee_id"]
        for start in stride(from: 0, to: openCount, by: 500) {
            let rows = try (start..<min(start + 500, openCount)).map { index -> [BulkValue] in
                let age = index % 100 == 0 ? 22.5 * 86_400 + 60 + Double(index % 997) * 40 : Double(index % 1_900_000)
                let createdAt = now.addingTimeInterval(-age)
                let due = createdAt.addingTimeInterval(TimeInterval(target))
                return try commonValues(index, createdAt: createdAt, active: true, queueAt: due)
                    + [try .constant(createdAt), try .constant(due), try .constant(createdAt.addingTimeInterval(TimeInterval(target) * 0.75)),
                       .uuid(index % 5 == 0 ? userID : nil)]
            }
            try await writer.insert(into: ServiceCase.schema, columns: openColumns, rows: rows)
        }
        let closedColumns = common + ["resolution_met_at", "resolved_at", "closed_at"]
        for start in stride(from: openCount, to: total, by: 500) {
            let rows = try (start..<min(start + 500, total)).map { index -> [BulkValue] in
                let createdAt = now.addingTimeInterval(-Double(index % 31_536_000))
                let resolved = try BulkValue.constant(createdAt.addingTimeInterval(86_400))
                return try commonValues(index, createdAt: createdAt, active: false, queueAt: ServiceCase.noDeadline) + [resolved, resolved, resolved]
            }
            try await writer.insert(into: ServiceCase.schema, columns: closedColumns, rows: rows)
        }
        try await writer.finish()
        try await app.db.sql.raw("UPDATE document_counters SET last_number = (SELECT MAX(number) FROM cases) WHERE name = 'cases'").run()
        if app.db.sql.dialect.name == "postgresql" { try await app.db.sql.raw("ANALYZE cases").run() }
        context.console.print("Loaded \(total) cases (\(openCount) open) in \(started.duration(to: .now))")

        let (page, api, mine) = try await BenchSession.serving(app, user: created.user, password: created.password) { session in
            func department(_ index: Int) -> String { departments[index % departments.count].uuidString }
            return (try await session.time(requests, api: false) { Site.cases() + "?department=" + department($0) },
                    try await session.time(requests, api: true) { "/api/v1/cases?limit=50&department=" + department($0) },
                    try await session.time(requests, api: false) { _ in Site.cases() + "?assignee=me" })
        }
        // Timed by hand: the first run is the one with work to do, so it has no warm-up.
        let clock = ContinuousClock()
        var warned = 0
        let firstWatch = [try await clock.measure { warned = try await SLAWatch.check(now: now, app: app) }]
        let idleWatch = try await BenchTiming.time(5) { _ = try await SLAWatch.check(now: now, app: app) }
        for line in [BenchTiming.header, BenchTiming.row("queue page, one department", page), BenchTiming.row("queue (API), 50 cases", api),
                     BenchTiming.row("my cases page", mine), BenchTiming.row("SLA watch, \(warned) warnings", firstWatch),
                     BenchTiming.row("SLA watch, nothing due", idleWatch),
                     "target: queue page p95 < 50 ms with \(total) cases (\(openCount) open)"] { context.console.print(line) }
    }
}
