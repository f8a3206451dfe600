import CRMCore
import Fluent
import SQLKit
import Vapor

/// `crm bench interactions`: the first page of the timeline of an account with 100,000 interactions against one
/// with 10 (over HTTP), then the ingest of 10,000 emails through the same code as `crm mail ingest`.
struct InteractionsBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "interactions", help: "Interactions of the large account (default 100000)") var interactions: Int?
        @Option(name: "emails", help: "Emails to ingest (default 10000)") var emails: Int?
        @Option(name: "requests", help: "Timed timeline requests of each kind (default 200)") var requests: Int?
        init() {}
    }

    var help: String { "Times the timeline of a busy account and the ingest of many emails, in an empty scratch database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let interactions = signature.interactions ?? 100_000
        let emails = signature.emails ?? 10_000
        let requests = signature.requests ?? 200
        guard interactions >= 10, emails > 0, requests > 1 else { throw CommandFailure("--interactions (at least 10), --emails and --requests must be positive") }
        try await app.autoMigrate()
        guard try await User.query(on: app.db).count() == 0 else {
            throw CommandFailure("the benchmark fills the database with made-up interactions; point DATABASE_URL at an empty scratch database")
        }
        let clock = ContinuousClock()
        var setup: InteractionsBenchmark.Setup!
        let seeding = try await clock.measure { setup = try await InteractionsBenchmark.seed(interactions: interactions, on: app.db, now: app.clock.now()) }
        context.console.print("Seeded \(interactions) interactions in \(seeding)")
        for line in try await InteractionsBenchmark.measureTimelines(app: app, setup: setup, interactions: interactions, requests: requests) { context.console.print(line) }
        for line in try await InteractionsBenchmark.measureIngest(app: app, setup: setup, emails: emails) { context.console.print(line) }
    }
}

enum InteractionsBenchmark {
    struct Setup {
        let seller: User
        let busy: UUID, quiet: UUID
        let busyContact: UUID
    }

    static func seed(interactions: Int, on db: any Database, now: Date) async throws -> Setup {
        let seller = User(email: EmailAddress("seller@bench.example")!, name: "Bench Seller", role: .sales, passwordHash: "-")
        try await seller.create(on: db)
        let store = AccountStore(db: db, actor: seller, now: now, defaultCountry: "US")
        let contacts = ContactStore(db: db, actor: seller, now: now, defaultCountry: "US")
        var accountIDs = [UUID](), contactIDs = [UUID]()
        for (index, name) in ["Busy Customer", "Quiet Customer"].enumerated() {
            var account = AccountInput()
            account.name = name
            accountIDs.append(try await store.create(account).requireID())
            var contact = ContactInput()
            contact.givenName = "Person \(index)"
            contact.accountId = accountIDs[index]
            contact.emails = [ContactPointInput(label: "work", value: "person\(index)@customer\(index).example")]
            contactIDs.append(try await contacts.create(contact).requireID())
        }
        let (accounts, people) = (accountIDs, contactIDs)
        try await db.transaction { db in
            var writer = BulkWriter(sql: db.sql)
            var ids = TimeOrderedUUIDs(startingAt: now.addingTimeInterval(-3 * 365 * 86_400))
            for (account, count) in [(0, interactions), (1, 10)] {
                try await insert(count, account: accounts[account], contact: people[account], seller: try seller.requireID(), now: now, writer: &writer, ids: &ids)
            }
            try await writer.finish()
        }
        return Setup(seller: seller, busy: accountIDs[0], quiet: accountIDs[1], busyContact: contactIDs[0])
    }

    /// Writes `count` interactions of one account and contact, spread over the three years before `now`, oldest first.
    static func insert(_ count: Int, account: UUID, contact: UUID, seller: UUID, now: Date, writer: inout BulkWriter, ids: inout TimeOrderedUUIDs) async throws {
        let empty = try BulkValue.constant([String]())
        let noFiles = try BulkValue.constant([MailAttachment]())
        let at = try BulkValue.constant(now)
        let kinds = InteractionKind.allCases.filter { $0 != .quote }
        for start in stride(from: 0, to: count, by: 500) {
            var rows = [[BulkValue]](), links = [[BulkValue]]()
            for index in start..<min(start + 500, count) {
                let id = ids.next()
                let when = try BulkValue.constant(now.addingTimeInterval(-Double(count - index) * (3 * 365 * 86_400 / Double(count))))
                let kind = kinds[index % kinds.count]
                let direction = BulkValue.text(index % 2 == 0 ? "outbound" : "inbound")
                rows.append([.uuid(id), .text(kind.rawValue), direction, when, .uuid(seller), .uuid(account),
                             .text("Interaction \(index)"), .text("What was said in interaction \(index)."), empty, noFiles, .bool(false), 1, at, at])
                links.append([.uuid(ids.next()), .uuid(id), .uuid(contact), .text(kind.rawValue), direction, when])
            }
            try await writer.insert(into: Interaction.schema, columns: ["id", "kind", "direction", "occurred_at", "user_id", "account_id", "subject",
                                                                        "body", "recipients", "attachments", "is_unmatched", "version", "created_at", "updated_at"],
                                    rows: rows)
            try await writer.insert(into: InteractionContact.schema, columns: ["id", "interaction_id", "contact_id", "kind", "direction", "occurred_at"],
                                    rows: links)
        }
    }

    static func measureTimelines(app: Application, setup: Setup, interactions: Int, requests: Int) async throws -> [String] {
        let token = try await TokenIssuer.issue(for: setup.seller, name: "benchmark", on: app.db)
        let level = app.logger.logLevel
        app.logger.logLevel = .error
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        defer { app.logger.logLevel = level }
        do {
            guard let port = app.http.server.shared.localAddress?.port else { throw CommandFailure("the server did not report its port") }
            let client = BenchClient(app: app, base: "http://127.0.0.1:\(port)/api/v1", token: token)
            func time(_ path: String, query: [String: String] = [:], expecting: Int) async throws -> [Duration] {
                var samples = [Duration]()
                _ = try await client.get(path, query: query)
                for _ in 0..<requests {
                    let (elapsed, body) = try await client.get(path, query: query)
                    let items = try JSONDecoder().decode(Page.self, from: body).items.count
                    guard items >= expecting else { throw CommandFailure("\(path) answered \(items) entries, not \(expecting)") }
                    samples.append(elapsed)
                }
                return samples
            }
            // The same page size for both accounts, so the comparison is of the data behind the page, not its length.
            let busy = try await time(Site.accountTimeline(setup.busy), query: ["limit": "10"], expecting: 10)
            let quiet = try await time(Site.accountTimeline(setup.quiet), query: ["limit": "10"], expecting: 10)
            let fullPage = try await time(Site.accountTimeline(setup.busy), expecting: 50)
            let calls = try await time(Site.accountTimeline(setup.busy), query: ["type": "call"], expecting: min(50, interactions / 6))
            let contact = try await time(Site.contactTimeline(setup.busyContact), expecting: 50)
            await app.server.shutdown()
            return [BenchTiming.header,
                    BenchTiming.row("timeline, \(interactions) interactions", busy),
                    BenchTiming.row("timeline, 10 interactions", quiet),
                    BenchTiming.row("  \(interactions), page of 50", fullPage),
                    BenchTiming.row("  \(interactions), calls only, 50", calls),
                    BenchTiming.row("  \(interactions), the contact's, 50", contact)]
        } catch {
            await app.server.shutdown()
            throw error
        }
    }

    /// Ingests messages one after another as a mail server would deliver them: a third from the known contact,
    /// a third replies threading onto earlier ones, a third from strangers (the unmatched inbox).
    static func measureIngest(app: Application, setup: Setup, emails: Int) async throws -> [String] {
        let clock = ContinuousClock()
        func message(_ index: Int) -> [UInt8] {
            let from = index % 3 == 2 ? "stranger\(index)@elsewhere.example" : "person0@customer0.example"
            var headers = ["From: Customer <\(from)>", "To: Bench Seller <seller@bench.example>", "Subject: Message \(index) =?UTF-8?B?w6TDtsO8?=",
                           "Date: Tue, 24 Nov 2026 09:15:42 +0100", "Message-ID: <bench-\(index)@customer0.example>",
                           "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
            if index % 3 == 1 { headers += ["In-Reply-To: <bench-\(index - 1)@customer0.example>", "References: <bench-\(index - 1)@customer0.example>"] }
            return Array((headers.joined(separator: "\r\n") + "\r\n\r\nHello,\r\n\r\nplease send the price list for item \(index) =E2=80=93 thanks.\r\n").utf8)
        }
        var samples = [Duration]()
        let started = clock.now
        for index in 0..<emails {
            let raw = message(index)
            let start = clock.now
            _ = try await MailIngest(db: app.db, now: app.clock.now()).ingest(raw)
            samples.append(clock.now - start)
        }
        let total = BenchTiming.seconds(clock.now - started)
        // The same number of new messages again as one mailbox (`crm mail ingest --from`), then the whole mailbox a
        // second time, when every message is a duplicate.
        let mailbox = (emails..<2 * emails).map(message)
        let batched = try await clock.measure { _ = try await MailIngest(db: app.db, now: app.clock.now()).ingest(mailbox: mailbox) }
        let repeated = try await clock.measure { _ = try await MailIngest(db: app.db, now: app.clock.now()).ingest(mailbox: mailbox) }
        func rate(_ duration: Duration) -> Double { Double(emails) / BenchTiming.seconds(duration) }
        return [BenchTiming.row("ingest one email", samples),
                String(format: "ingest of %d emails one by one: %.1f s, %.0f messages per second", emails, total, Double(emails) / total),
                String(format: "ingest of a mailbox of %d emails: %.0f messages per second; read again (all logged before): %.0f per second",
                       emails, rate(batched), rate(repeated))]
    }

    private struct Page: Decodable { let items: [Ignored] }
    private struct Ignored: Decodable { init(from decoder: any Decoder) throws {} }
}
