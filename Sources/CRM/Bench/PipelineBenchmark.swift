import CRMCore
import Fluent
import Vapor

/// `crm bench pipeline`: fills an empty database with deals, then times the board and the forecast as pages
/// (query and rendering), reporting median and 99th percentile. Run it on a release build against a scratch database.
struct BenchCommand: AsyncCommandGroup {
    let commands: [String: any AnyAsyncCommand] = ["pipeline": PipelineBenchmarkCommand(), "customers": CustomerBenchmarkCommand(), "sales": SalesBenchmarkCommand(),
                                                    "interactions": InteractionsBenchmarkCommand(), "http": HTTPBenchmarkCommand(),
                                                    "jobs": JobsBenchmarkCommand(), "myday": MyDayBenchmarkCommand(),
                                                    "service": ServiceBenchmarkCommand(), "greetings": GreetingsBenchmarkCommand()]
    var help: String { "Performance benchmarks (release build, scratch database)." }
}

struct PipelineBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "deals", help: "Open deals to create (default 200000)") var deals: Int?
        @Option(name: "iterations", help: "Timed runs of each measurement (default 50)") var iterations: Int?
        @Flag(name: "reuse", help: "Measure again on a database this benchmark already filled") var reuse: Bool
        init() {}
    }

    var help: String { "Times the pipeline board and the forecast with many open deals, in an empty scratch database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let deals = signature.deals ?? 200_000
        let iterations = signature.iterations ?? 50
        guard deals > 0, iterations > 1 else { throw CommandFailure("--deals and --iterations must be positive") }
        try await app.autoMigrate()
        let users = try await User.query(on: app.db).count()
        let benchUsers = try await User.query(on: app.db).filter(\.$email ~= "@bench.example").count()
        if signature.reuse {
            guard users > 0, users == benchUsers else { throw CommandFailure("--reuse needs a database filled by an earlier run of this benchmark") }
        } else {
            guard users == 0 else {
                throw CommandFailure("the benchmark fills the database with made-up deals; point DATABASE_URL at an empty scratch database")
            }
            let seeding = try await ContinuousClock().measure {
                try await PipelineBenchmark.seed(deals: deals, on: app.db, now: app.clock.now())
            }
            context.console.print("Seeded \(deals) open deals in \(seeding)")
        }
        for result in try await PipelineBenchmark.measure(app: app, iterations: iterations) {
            context.console.print(result)
        }
    }
}

enum PipelineBenchmark {
    static let owners = 20
    static let accounts = 2_000

    static func seed(deals: Int, on db: any Database, now: Date) async throws {
        var users: [User] = []
        for index in 0..<owners {
            users.append(User(email: EmailAddress("owner\(index)@bench.example")!, name: "Owner \(index)", role: .sales, passwordHash: "-"))
        }
        try await users.create(on: db)
        var accountRows: [Account] = []
        for index in 0..<accounts {
            let account = Account()
            account.name = "Account \(index)"
            account.kind = "company"
            account.$owner.id = users[index % owners].id!
            account.addresses = []
            account.tags = []
            account.version = 1
            accountRows.append(account)
        }
        for batch in stride(from: 0, to: accountRows.count, by: 500) {
            try await Array(accountRows[batch..<min(batch + 500, accountRows.count)]).create(on: db)
        }
        let stages = try await PipelineStage.query(on: db).filter(\.$outcome == StageOutcome.open.rawValue).sort(\.$position).all()
        let accountIDs = accountRows.map { $0.id! }
        let ownerIDs = users.map { $0.id! }
        // Close dates spread over the coming year, one per day.
        let closeDays = (0..<365).map { CalendarDate.today(at: now.addingTimeInterval(Double($0) * 86_400)).description }
        try await db.transaction { db in
            var batch: [Opportunity] = []
            for index in 0..<deals {
                let stage = stages[index % stages.count]
                let deal = Opportunity()
                deal.accountID = accountIDs[index % accounts]
                deal.$pipeline.id = stage.$pipeline.id
                deal.$stage.id = stage.id!
                deal.name = "Deal \(index)"
                deal.amountMinor = Int64(10_000 + (index * 7_919) % 5_000_000)
                deal.currency = index % 10 == 0 ? "USD" : "EUR"
                deal.probability = stage.defaultProbability
                deal.outcome = StageOutcome.open.rawValue
                deal.expectedClose = closeDays[index % closeDays.count]
                deal.$owner.id = ownerIDs[(index / 7) % owners]
                deal.budgetConfirmed = false
                deal.lastActivityAt = now
                deal.version = 1
                batch.append(deal)
                if batch.count == 1_000 || index == deals - 1 {
                    try await batch.create(on: db)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    static func measure(app: Application, iterations: Int) async throws -> [String] {
        let pipeline = try await Pipeline.query(on: app.db).sort(\.$position).first()!
        let owner = try await User.query(on: app.db).sort(\.$email).first()!
        let pipelines = try await PipelineAdmin(db: app.db).all()
        let context = PageContext(userName: "Benchmark", role: .manager, path: "/pipeline")
        let now = app.clock.now()
        let thisMonth = String(CalendarDate.today(at: now).description.prefix(7))
        let lastMonth = ForecastMath.months(from: thisMonth, to: "9999-12").prefix(12).last!

        let board = try await BenchTiming.time(iterations) {
            let board = try await Board.load(pipelineID: pipeline.id!, ownerID: owner.id, now: now, staleDays: 30, on: app.db)
            let model = BoardPage.Model(board: board, pipelines: pipelines, owners: [], ownerID: owner.id!.uuidString, returnPath: Site.board())
            _ = BoardPage.render(model, context).render()
        }
        let boardQuery = try await BenchTiming.time(iterations) {
            _ = try await Board.load(pipelineID: pipeline.id!, ownerID: owner.id, now: now, staleDays: 30, on: app.db)
        }
        let boardAllOwners = try await BenchTiming.time(iterations) {
            let board = try await Board.load(pipelineID: pipeline.id!, ownerID: nil, now: now, staleDays: 30, on: app.db)
            let model = BoardPage.Model(board: board, pipelines: pipelines, owners: [], ownerID: nil, returnPath: Site.board())
            _ = BoardPage.render(model, context).render()
        }
        let forecast = try await BenchTiming.time(max(5, iterations / 5)) {
            let forecast = try await Forecast.load(.init(from: thisMonth, to: lastMonth), base: "EUR", today: thisMonth + "-01", on: app.db)
            let model = ForecastPage.Model(forecast: forecast, analysis: nil, query: [:], owners: [], pipelines: pipelines, baseCurrency: "EUR", csvLink: "")
            _ = ForecastPage.render(model, context).render()
        }
        return [
            BenchTiming.header,
            BenchTiming.row("board, one pipeline, one owner", board),
            BenchTiming.row("  of which the data alone", boardQuery),
            BenchTiming.row("board, one pipeline, all owners", boardAllOwners),
            BenchTiming.row("forecast, 12 months, all deals", forecast),
        ]
    }
}
