import AsyncHTTPClient
import CRMCore
import Fluent
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import SQLKit
import Vapor

/// `crm bench http`: loads the customer benchmark's contacts (or reuses them), then drives each hot path over HTTP
/// with a few concurrent keep-alive connections for a fixed time, and sets each against `/healthz` measured in the
/// same run: the ratio says how close a path comes to the framework's own ceiling on this machine, whatever else the
/// machine is doing. Every answer's status is checked, so an error cannot pass for a fast answer.
struct HTTPBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "contacts", help: "Contacts to load (default 1000000); one account per ten contacts") var contacts: Int?
        @Option(name: "seconds", help: "Seconds of load on each path (default 5)") var seconds: Int?
        @Option(name: "connections", help: "Concurrent keep-alive connections (default 2)") var connections: Int?
        @Flag(name: "reuse", help: "Measure again on a database `crm bench customers` or this benchmark already loaded") var reuse: Bool
        init() {}
    }

    var help: String { "Loads many contacts, then measures authentication, lookup, lists, cards, timelines and writes over HTTP against /healthz." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let contacts = signature.contacts ?? 1_000_000
        let seconds = signature.seconds ?? 5
        let connections = signature.connections ?? 2
        guard contacts >= 1_000, seconds > 0, connections > 0 else {
            throw CommandFailure("--contacts must be at least 1000, --seconds and --connections positive")
        }
        try await app.autoMigrate()
        let users = try await User.query(on: app.db).count()
        let benchUsers = try await User.query(on: app.db).filter(\.$email ~= "@bench.example").count()
        if signature.reuse {
            guard users > 0, users == benchUsers, try await Contact.query(on: app.db).count() > 0 else {
                throw CommandFailure("--reuse needs a database loaded by `crm bench customers` or `crm bench http`")
            }
        } else {
            guard users == 0 else {
                throw CommandFailure("the benchmark fills the database with made-up customers; point DATABASE_URL at an empty scratch database")
            }
            if case .sqliteFile = app.config.database { app.databases.reinitialize() }
            let loading = try await ContinuousClock().measure {
                _ = try await CustomerBenchmark.load(contacts: contacts, on: app.db, now: app.clock.now())
            }
            context.console.print("Loaded \(contacts) contacts in \(String(format: "%.1f s", BenchTiming.seconds(loading)))")
        }
        for line in try await HTTPBenchmark.measure(app: app, seconds: seconds, connections: connections) {
            context.console.print(line)
        }
    }
}

enum HTTPBenchmark {
    /// Contacts whose cards and timelines are opened, and interactions given to each.
    static let sampled = 200
    static let interactionsEach = 30

    /// One path under load: how to make its n-th request and what it must answer.
    struct Load {
        let name: String
        let target: String
        let expected: HTTPResponseStatus
        let request: @Sendable (_ worker: Int, _ n: Int) async throws -> HTTPClientRequest
        var afterResponse: (@Sendable (_ worker: Int, _ response: HTTPClientResponse) -> Void)?
    }

    struct Outcome {
        let name: String, target: String
        let perSecond: Double
        let latencies: [Duration]
    }

    static func measure(app: Application, seconds: Int, connections: Int) async throws -> [String] {
        let sample = try await sampledContacts(app.db)
        try await giveInteractions(to: sample, on: app.db, now: app.clock.now())
        // PostgreSQL plans from statistics that autovacuum gathers some time after a bulk load; gather them now, as
        // a running installation would have them.
        if app.db.sql.dialect.name == "postgresql" { try await app.db.sql.raw("ANALYZE").run() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let reader = try await app.users.create(.init(email: "http\(suffix)@bench.example", name: "HTTP benchmark", role: Role.manager.rawValue))
        let token = try await TokenIssuer.issue(for: reader.user, name: "benchmark", on: app.db)
        let contactCount = try await Contact.query(on: app.db).count()

        let level = app.logger.logLevel
        app.logger.logLevel = .error
        defer { app.logger.logLevel = level }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            guard let port = app.http.server.shared.localAddress?.port else { throw CommandFailure("the server did not report its port") }
            let base = "http://127.0.0.1:\(port)"
            // Redirects are answers to check (the sign-in's), not to follow.
            let client = HTTPClient(eventLoopGroupProvider: .shared(app.eventLoopGroup),
                                    configuration: .init(redirectConfiguration: .disallow))
            defer { _ = client.shutdown() }
            let cookie = try await signIn(client, base: base, email: reader.user.email, password: reader.password)
            let outcomes = try await run(loads(client: client, base: base, token: token, cookie: cookie, sample: sample, contacts: contactCount),
                                         client: client, seconds: seconds, connections: connections)
            await app.server.shutdown()
            return report(outcomes, connections: connections, seconds: seconds)
        } catch {
            await app.server.shutdown()
            throw error
        }
    }

    private static func loads(client: HTTPClient, base: String, token: String, cookie: String, sample: [(contact: UUID, account: UUID)], contacts: Int) -> [Load] {
        @Sendable func get(_ path: String, bearer: Bool = true) -> HTTPClientRequest {
            var request = HTTPClientRequest(url: base + path)
            if bearer { request.headers.add(name: "Authorization", value: "Bearer \(token)") } else { request.headers.add(name: "Cookie", value: cookie) }
            return request
        }
        @Sendable func json(_ method: HTTPMethod, _ path: String, _ body: String, ifMatch: String? = nil) -> HTTPClientRequest {
            var request = get(path)
            request.method = method
            request.headers.add(name: "Content-Type", value: "application/json")
            if let ifMatch { request.headers.add(name: "If-Match", value: ifMatch) }
            request.body = .bytes(ByteBuffer(string: body))
            return request
        }
        let versions = VersionBook(client: client)
        @Sendable func contact(_ n: Int) -> String { sample[n % sample.count].contact.uuidString }
        return [
            Load(name: "healthz", target: "the ceiling", expected: .ok) { _, _ in HTTPClientRequest(url: base + "/healthz") },
            Load(name: "GET /api/v1/me (token)", target: "≥ 70 % of /healthz", expected: .ok) { _, _ in get("/api/v1/me") },
            Load(name: "caller lookup, found", target: "≥ 50 %; p99 < 2 ms", expected: .ok) { worker, n in
                let person = try CustomerBenchmark.person((n * 7_919 + worker * 104_729) % contacts)
                var components = URLComponents()
                components.queryItems = [URLQueryItem(name: "phone", value: person.phone.e164)]
                return get("/api/v1/lookup?" + (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
            },
            Load(name: "contacts list of 100 (API)", target: "p95 < 10 ms", expected: .ok) { _, _ in get("/api/v1/contacts?limit=100") },
            Load(name: "contacts list page", target: "p95 < 10 ms", expected: .ok) { _, _ in get(Site.contacts(), bearer: false) },
            Load(name: "contact card (API)", target: "p95 < 10 ms", expected: .ok) { _, n in get("/api/v1/contacts/\(contact(n))/card") },
            Load(name: "contact card page", target: "p95 < 10 ms", expected: .ok) { _, n in get(Site.contact(contact(n)), bearer: false) },
            Load(name: "timeline, first page (API)", target: "p95 < 10 ms", expected: .ok) { _, n in get("/api/v1/contacts/\(contact(n))/timeline") },
            Load(name: "create an account (API)", target: "p95 < 3 ms", expected: .created) { worker, n in
                json(.POST, "/api/v1/accounts", #"{"name": "HTTP bench \#(worker)-\#(n)"}"#)
            },
            Load(name: "update a contact (API)", target: "p95 < 3 ms", expected: .ok, request: { worker, n in
                // Each connection edits its own contact, sending back the version the last answer gave.
                let id = sample[worker % sample.count].contact
                let version = try await versions.version(of: id) { get("/api/v1/contacts/\(id.uuidString)") }
                return json(.PATCH, "/api/v1/contacts/\(id.uuidString)", #"{"title": "Buyer \#(n)"}"#, ifMatch: version)
            }, afterResponse: { worker, response in
                if let etag = response.headers.first(name: "ETag") { versions.set(etag, for: sample[worker % sample.count].contact) }
            }),
            Load(name: "healthz again", target: "the ceiling", expected: .ok) { _, _ in HTTPClientRequest(url: base + "/healthz") },
        ]
    }

    private static func run(_ loads: [Load], client: HTTPClient, seconds: Int, connections: Int) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for load in loads {
            // A short warm-up, so each path starts with its connections open and its statements prepared.
            _ = try await drive(load, client: client, for: .milliseconds(300), connections: connections)
            let (count, latencies) = try await drive(load, client: client, for: .seconds(seconds), connections: connections)
            outcomes.append(Outcome(name: load.name, target: load.target, perSecond: Double(count) / Double(seconds), latencies: latencies))
        }
        return outcomes
    }

    private static func drive(_ load: Load, client: HTTPClient, for span: Duration, connections: Int) async throws -> (Int, [Duration]) {
        let clock = ContinuousClock()
        let deadline = clock.now + span
        return try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<connections {
                group.addTask {
                    var latencies: [Duration] = []
                    var n = 0
                    while clock.now < deadline {
                        let request = try await load.request(worker, n)
                        let start = clock.now
                        let response = try await client.execute(request, timeout: .seconds(30))
                        let body = try await response.body.collect(upTo: 64 << 20)
                        latencies.append(clock.now - start)
                        guard response.status == load.expected else {
                            throw CommandFailure("\(load.name): answered \(response.status.code): \(String(buffer: body).prefix(200))")
                        }
                        load.afterResponse?(worker, response)
                        n += 1
                    }
                    return latencies
                }
            }
            var all: [Duration] = []
            for try await latencies in group { all += latencies }
            return (all.count, all)
        }
    }

    private static func report(_ outcomes: [Outcome], connections: Int, seconds: Int) -> [String] {
        let ceilings = outcomes.filter { $0.name.hasPrefix("healthz") }.map(\.perSecond)
        let ceiling = ceilings.reduce(0, +) / Double(max(1, ceilings.count))
        var lines = ["\(connections) connections, \(seconds) s per path; % of /healthz against the mean of its two runs",
                     "path".padding(toLength: 32, withPad: " ", startingAt: 0) + "  req/s  % healthz      median         p95         p99  target"]
        for outcome in outcomes {
            let timing = BenchTiming.row("", outcome.latencies).dropFirst(36 + 5)
            lines.append(outcome.name.padding(toLength: 32, withPad: " ", startingAt: 0)
                         + String(format: "%7.0f %9.1f %%", outcome.perSecond, 100 * outcome.perSecond / ceiling)
                         + " " + timing + "  " + outcome.target)
        }
        return lines
    }

    static func signIn(_ client: HTTPClient, base: String, email: String, password: String) async throws -> String {
        let form = try await client.execute(HTTPClientRequest(url: base + Site.signIn()), timeout: .seconds(30))
        let page = String(buffer: try await form.body.collect(upTo: 1 << 20))
        guard let first = form.headers.first(name: "Set-Cookie")?.split(separator: ";").first,
              let csrf = page.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1 else {
            throw CommandFailure("the sign-in page gave no session or form token")
        }
        var request = HTTPClientRequest(url: base + Site.signIn())
        request.method = .POST
        request.headers.add(name: "Cookie", value: String(first))
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let fields = [("email", email), ("password", password), (CSRF.fieldName, String(csrf))]
        request.body = .bytes(ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")))
        let response = try await client.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .seeOther, let cookie = response.headers.first(name: "Set-Cookie")?.split(separator: ";").first else {
            throw CommandFailure("signing in the benchmark user answered \(response.status.code)")
        }
        return String(cookie)
    }

    /// Contacts spread over the whole table, with their accounts.
    private static func sampledContacts(_ db: any Database) async throws -> [(contact: UUID, account: UUID)] {
        struct Row: Decodable { let id: UUID; let account_id: UUID }
        let rows = try await db.sql.raw("SELECT id, account_id FROM contacts WHERE account_id IS NOT NULL ORDER BY random() LIMIT \(unsafeRaw: String(sampled))")
            .all(decoding: Row.self)
        guard !rows.isEmpty else { throw CommandFailure("there are no contacts with accounts to measure") }
        return rows.map { ($0.id, $0.account_id) }
    }

    /// Gives each sampled contact a timeline to page through (once: a reused database keeps them).
    private static func giveInteractions(to sample: [(contact: UUID, account: UUID)], on db: any Database, now: Date) async throws {
        guard try await Interaction.query(on: db).count() == 0 else { return }
        let seller = try await User.query(on: db).filter(\.$email ~= "@bench.example").sort(\.$email).first()!
        try await db.transaction { db in
            var writer = BulkWriter(sql: db.sql)
            var ids = TimeOrderedUUIDs(startingAt: now.addingTimeInterval(-365 * 86_400))
            for (contact, account) in sample {
                try await InteractionsBenchmark.insert(interactionsEach, account: account, contact: contact, seller: try seller.requireID(),
                                                       now: now, writer: &writer, ids: &ids)
            }
            try await writer.finish()
        }
    }
}

/// The version each connection last saw of the contact it edits.
private final class VersionBook: Sendable {
    let client: HTTPClient
    private let versions = NIOLockedValueBox<[UUID: String]>([:])

    func version(of id: UUID, reading: @Sendable () -> HTTPClientRequest) async throws -> String {
        if let known = versions.withLockedValue({ $0[id] }) { return known }
        let response = try await client.execute(reading(), timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard let etag = response.headers.first(name: "ETag") else { throw CommandFailure("reading a contact gave no ETag") }
        set(etag, for: id)
        return etag
    }

    init(client: HTTPClient) { self.client = client }

    func set(_ etag: String, for id: UUID) { versions.withLockedValue { $0[id] = etag } }
}
