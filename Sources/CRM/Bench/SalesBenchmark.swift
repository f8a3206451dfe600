import CRMCore
import Fluent
import SQLKit
import Vapor

/// `crm bench sales`: fills an empty scratch database with accounts, orders and order lines over three years (a few
/// accounts buy most, as in real ledgers), then times the profit ranking for one year, one account's profit by
/// month, year, product and order, the orders list page filtered by account and by status, and the recomputation of
/// every account's tier.
struct SalesBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "accounts", help: "Accounts (default 100000)") var accounts: Int?
        @Option(name: "lines", help: "Order lines, about five per order (default 10000000)") var lines: Int?
        @Option(name: "runs", help: "Timed runs of the ranking (default 10; the account report runs five times as often)") var runs: Int?
        @Flag(name: "reuse", help: "Measure again on a database this benchmark already filled") var reuse: Bool
        init() {}
    }

    var help: String { "Times profit reports and tier recomputation over many order lines, in an empty scratch database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let accounts = signature.accounts ?? 100_000
        let lines = signature.lines ?? 10_000_000
        let runs = signature.runs ?? 10
        guard accounts >= 10, lines >= 100, runs > 1 else { throw CommandFailure("--accounts must be at least 10, --lines at least 100 and --runs above 1") }
        try await app.autoMigrate()
        let users = try await User.query(on: app.db).count()
        let benchUsers = try await User.query(on: app.db).filter(\.$email ~= "@bench.example").count()
        if signature.reuse {
            guard users > 0, users == benchUsers, try await OrderLine.query(on: app.db).count() > 0 else {
                throw CommandFailure("--reuse needs a database filled by an earlier run of this benchmark")
            }
        } else {
            guard users == 0 else {
                throw CommandFailure("the benchmark fills the database with made-up orders; point DATABASE_URL at an empty scratch database")
            }
            if case .sqliteFile = app.config.database { app.databases.reinitialize() }
            let took = try await ContinuousClock().measure {
                try await SalesBenchmark.load(accounts: accounts, lines: lines, on: app.db, now: app.clock.now(), base: app.config.baseCurrency)
            }
            context.console.print(String(format: "Loaded %d accounts and %d order lines in %.1f s", accounts, lines, BenchTiming.seconds(took)))
        }
        for line in try await SalesBenchmark.measure(app: app, runs: runs) { context.console.print(line) }
    }
}

enum SalesBenchmark {
    static let linesPerOrder = 5
    static let products = 200
    static let salespeople = 20

    static func load(accounts: Int, lines: Int, on db: any Database, now: Date, base: String) async throws {
        var sellers: [User] = []
        for index in 0..<salespeople {
            sellers.append(User(email: EmailAddress("seller\(index)@bench.example")!, name: "Seller \(index)", role: .sales, passwordHash: "-"))
        }
        try await sellers.create(on: db)
        let sellerIDs = try sellers.map { try $0.requireID() }
        // Prices from 10 to 1,000, margins from 5 % to 60 %.
        var catalogue: [(id: UUID, price: Int64, cost: Int64)] = []
        for index in 0..<products {
            let product = Product()
            product.sku = "BENCH-\(index)"
            product.name = "Product \(index)"
            product.unit = "piece"
            product.priceMinor = Int64(1_000 + (index * 4_973) % 99_000)
            product.costMinor = product.priceMinor * Int64(95 - (index * 7) % 56) / 100
            product.currency = base
            product.isActive = true
            product.version = 1
            try await product.create(on: db)
            catalogue.append((try product.requireID(), product.priceMinor, product.costMinor))
        }
        let tiers = try await MarginTiersStore.load(on: db)
        let today = CalendarDate.today(at: now)
        let products = catalogue
        try await db.withConnection { connection in
            try await SQLiteBulkMode.around(connection.sql) {
                try await connection.transaction { db in
                    let sql = db.sql
                    if sql.dialect.name == "sqlite" { try await sql.raw("PRAGMA cache_size = -262144").run() }
                    try await DeferredIndexes.around(tables: [Account.schema, Order.schema, OrderLine.schema], keeping: ["order_lines_order"], on: sql) {
                        var writer = BulkWriter(sql: sql)
                        var ids = TimeOrderedUUIDs(startingAt: now)
                        let accountIDs = (0..<accounts).map { _ in ids.next() }
                        let empty = try BulkValue.constant([String]())
                        let noAddresses = try BulkValue.constant([AddressValue]())
                        let at = try BulkValue.constant(now)
                        for start in stride(from: 0, to: accounts, by: 500) {
                            let rows: [[BulkValue]] = (start..<min(start + 500, accounts)).map { index in
                                [.uuid(accountIDs[index]), .text("Customer \(index + 1)"), "company", .uuid(sellerIDs[index % salespeople]), noAddresses, empty, at, at, 1]
                            }
                            try await writer.insert(into: Account.schema, columns: ["id", "name", "kind", "owner_id", "addresses", "tags", "created_at", "updated_at", "version"], rows: rows)
                        }
                        try await loadOrders(lines: lines, accountIDs: accountIDs, sellers: sellerIDs, catalogue: products, tiers: tiers,
                                             today: today, at: at, base: base, writer: &writer, ids: &ids)
                        try await writer.finish()
                    }
                    // Orders typed in after the load continue the loaded numbers.
                    try await sql.raw("""
                        UPDATE \(ident: DocumentNumbers.schema) SET last_number = (SELECT COALESCE(MAX(number), 0) FROM \(ident: Order.schema))
                        WHERE name = \(bind: Order.schema)
                        """).run()
                }
            }
        }
    }

    private static let orderColumns = ["id", "number", "account_id", "salesperson_id", "order_date", "order_month", "currency", "status", "counts",
                                       "status_changed_at", "revenue_minor", "cost_minor", "base_revenue_minor", "base_cost_minor", "commission_minor", "version"]
    private static let lineColumns = ["id", "order_id", "position", "product_id", "description", "quantity", "unit_price_minor", "discount_bp",
                                      "unit_cost_minor", "revenue_minor", "cost_minor", "base_revenue_minor", "base_cost_minor", "margin_tier",
                                      "commission_minor", "account_id", "order_month", "salesperson_id", "counts"]

    private static func loadOrders(lines: Int, accountIDs: [UUID], sellers: [UUID], catalogue: [(id: UUID, price: Int64, cost: Int64)],
                                   tiers: MarginTiers, today: CalendarDate, at: BulkValue, base: String,
                                   writer: inout BulkWriter, ids: inout TimeOrderedUUIDs) async throws {
        var random = SeededRandom(seed: 42)
        let days = (0..<1_096).map { today.adding(days: -$0) }
        let dates = days.map { BulkValue.text($0.description) }
        let months = days.map { BulkValue.text($0.monthKey) }
        let baseText = BulkValue.text(base)
        let names = catalogue.indices.map { BulkValue.text("Product \($0)") }
        var written = 0
        var number = 0
        var orderRows: [[BulkValue]] = []
        var lineRows: [[BulkValue]] = []
        while written < lines {
            number += 1
            let orderID = ids.next()
            // Squaring a uniform draw makes the first accounts buy far more than the last ones.
            let draw = random.below(1_000_000)
            let account = BulkValue.uuid(accountIDs[draw * draw / 1_000_000 * accountIDs.count / 1_000_000])
            let seller = BulkValue.uuid(sellers[random.below(sellers.count)])
            let day = random.below(days.count)
            let cancelled = random.below(40) == 0
            let status: BulkValue = cancelled ? "cancelled" : day < 20 ? "shipped" : "delivered"
            let counts = BulkValue.bool(!cancelled)
            let count = min(1 + random.below(linesPerOrder * 2 - 1), lines - written)
            var revenue: Int64 = 0, cost: Int64 = 0, commission: Int64 = 0
            for position in 0..<count {
                let productIndex = random.below(catalogue.count)
                let product = catalogue[productIndex]
                let quantity = 1 + random.below(20)
                let discount = random.below(4) * 500
                let figures = try LineFigures(quantity: Int64(quantity), unitPriceMinor: product.price,
                                              discountBasisPoints: Int64(discount), unitCostMinor: product.cost)
                let margin = Margin.basisPoints(priceMinor: figures.revenueMinor, costMinor: figures.costMinor)
                let lineCommission = tiers.commissionMinor(revenueMinor: figures.revenueMinor, marginBasisPoints: margin)
                revenue += figures.revenueMinor
                cost += figures.costMinor
                commission += lineCommission
                lineRows.append([.uuid(ids.next()), .uuid(orderID), .integer(position), .uuid(product.id), names[productIndex], .integer(quantity),
                                 .integer(Int(product.price)), .integer(discount), .integer(Int(product.cost)),
                                 .integer(Int(figures.revenueMinor)), .integer(Int(figures.costMinor)), .integer(Int(figures.revenueMinor)),
                                 .integer(Int(figures.costMinor)), .text(tiers.tier(forMargin: margin).code), .integer(Int(lineCommission)),
                                 account, months[day], seller, counts])
            }
            written += count
            orderRows.append([.uuid(orderID), .integer(number), account, seller, dates[day], months[day], baseText, status, counts, at,
                              .integer(Int(revenue)), .integer(Int(cost)), .integer(Int(revenue)), .integer(Int(cost)), .integer(Int(commission)), 1])
            if lineRows.count >= 500 || written >= lines {
                try await writer.insert(into: Order.schema, columns: orderColumns, rows: orderRows)
                try await writer.insert(into: OrderLine.schema, columns: lineColumns, rows: lineRows)
                orderRows = []
                lineRows = []
            }
        }
    }

    static func measure(app: Application, runs: Int) async throws -> [String] {
        let db = app.db
        let base = app.config.baseCurrency
        let lastYear = Int(CalendarDate.today(at: app.clock.now()).description.prefix(4))! - 1
        let year = ProfitReports.Period(from: "\(lastYear)-01", to: "\(lastYear)-12")
        var lines = [BenchTiming.header]
        let ranking = try await BenchTiming.time(runs) {
            _ = try await ProfitReports.ranking(year, compare: nil, limit: 50, offset: 0, currency: base, on: db)
        }
        lines.append(BenchTiming.row("profit ranking, one year", ranking))
        // Accounts across the range: big buyers and small ones.
        let all = try await Account.query(on: db).sort(\.$id).all()
        var random = SeededRandom(seed: 7)
        let picked = (0..<(runs * 5)).map { _ in all[random.below(all.count)] }
        let threeYears = ProfitReports.Period(from: "\(lastYear - 1)-01", to: "\(lastYear + 1)-12")
        var index = 0
        let account = try await BenchTiming.time(picked.count) {
            let chosen = picked[index % picked.count]
            _ = try await ProfitReports.account(AccountRef(id: try chosen.requireID(), name: chosen.name), threeYears, currency: base, on: db)
            index += 1
        }
        lines.append(BenchTiming.row("one account by month/product/order", account))
        // The orders list page, first page of 50: one account's (big buyers and small ones) and one status's.
        let context = PageContext(userName: "Benchmark", role: .manager, path: Site.orders())
        let paging = PageRequest(limit: 50)
        index = 0
        let byAccount = try await BenchTiming.time(picked.count) {
            let filter = OrderFilter(account: try picked[index % picked.count].requireID())
            _ = try await OrderPagesController.listPage(filter, paging: paging, query: [:], context: context, on: db).render()
            index += 1
        }
        lines.append(BenchTiming.row("orders list page, one account", byAccount))
        let statuses: [OrderStatus] = [.shipped, .delivered, .cancelled, .confirmed]
        index = 0
        let byStatus = try await BenchTiming.time(runs * 4) {
            _ = try await OrderPagesController.listPage(OrderFilter(status: statuses[index % statuses.count]), paging: paging, query: [:],
                                                        context: context, on: db).render()
            index += 1
        }
        lines.append(BenchTiming.row("orders list page, one status", byStatus))
        let tiers = try await BenchTiming.time(3) { _ = try await ProfitTiering(db: db, now: app.clock.now()).recompute() }
        lines.append(BenchTiming.row("tier recomputation, all accounts", tiers))
        // The morning's purchase-cycle scan: every account's buying days, a reminder for each one late; then again
        // with the reminders open (nothing new to do).
        let reminders = ReorderReminders(db: db, now: app.clock.now(), timeZone: app.config.timeZone)
        var opened = 0
        let firstScan = try await ContinuousClock().measure { opened = try await reminders.run().opened }
        lines.append(BenchTiming.row("purchase-cycle scan, \(opened) reminders", [firstScan]))
        let idleScan = try await BenchTiming.time(3) { _ = try await reminders.run() }
        lines.append(BenchTiming.row("purchase-cycle scan, nothing new", idleScan))
        return lines
    }
}
