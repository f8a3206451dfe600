import CRMCore
import Fluent
import Vapor

extension CustomerBenchmark {
    /// Serves the app on a free local port and sends caller lookups and searches one after another, as one user's
    /// browser or telephone system would, through a kept-alive connection. Every answer is checked, so an error
    /// page cannot pass for a fast answer.
    static func measure(app: Application, requests: Int) async throws -> [String] {
        let contacts = try await Contact.query(on: app.db).count()
        guard contacts > 0 else { throw CommandFailure("there are no contacts to look up") }
        let reader = User(email: EmailAddress("reader\(UUID().uuidString.prefix(8).lowercased())@bench.example")!,
                          name: "Benchmark reader", role: .service, passwordHash: "-")
        try await reader.create(on: app.db)
        let token = try await TokenIssuer.issue(for: reader, name: "benchmark", on: app.db)
        let level = app.logger.logLevel
        app.logger.logLevel = .error
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        defer { app.logger.logLevel = level }
        do {
            guard let port = app.http.server.shared.localAddress?.port else { throw CommandFailure("the server did not report its port") }
            let client = BenchClient(app: app, base: "http://127.0.0.1:\(port)/api/v1", token: token)
            let lines = try await run(client, contacts: contacts, requests: requests)
            await app.server.shutdown()
            return lines
        } catch {
            await app.server.shutdown()
            throw error
        }
    }

    private static func run(_ client: BenchClient, contacts: Int, requests: Int) async throws -> [String] {
        var random = SeededRandom(seed: 20_261_125)
        var lookups: [Duration] = []
        for request in 0..<requests {
            let person = try person(random.below(contacts))
            let digits = String(person.phone.e164.dropFirst())
            // The writings a telephone system or a person might send; every twentieth number is nobody's
            // (serials this high are never generated).
            let writings = [person.mobile, person.phone.e164, "00" + digits, "+" + digits.chunked(3).joined(separator: "-")]
            let known = request % 20 != 0
            let phone = known ? writings[request % writings.count] : numbers[request % numbers.count].number(8_999_999 - request)
            let (elapsed, body) = try await client.get(Site.lookup(), query: ["phone": phone])
            let matches = try JSONDecoder().decode(LookupAnswer.self, from: body).matches.count
            guard known ? matches > 0 : true else { throw CommandFailure("lookup of \(phone) found nobody") }
            lookups.append(elapsed)
        }

        var byKind: [(String, [Duration])] = SearchKind.allCases.map { ($0.rawValue, []) }
        for request in 0..<requests {
            let kind = SearchKind.allCases[request % SearchKind.allCases.count]
            let (query, expectsHits) = try kind.query(random.below(contacts))
            let (elapsed, body) = try await client.get(Site.search(), query: ["q": query])
            let hits = try JSONDecoder().decode(SearchAnswer.self, from: body).items.count
            guard hits > 0 || !expectsHits else { throw CommandFailure("search for \(query) (\(kind.rawValue)) found nothing") }
            byKind[request % byKind.count].1.append(elapsed)
        }
        let searches = byKind.flatMap(\.1)

        // The account pickers' type-ahead: the first one, two, three or five letters of an account's name.
        let accounts = contacts / contactsPerAccount
        var suggestions: [Duration] = []
        for request in 0..<requests where accounts > 0 {
            let prefix = String(accountName(random.below(accounts)).prefix([1, 2, 3, 5][request % 4]))
            let (elapsed, body) = try await client.get(Site.accountSuggest(), query: ["q": prefix])
            guard try JSONDecoder().decode([Ignored].self, from: body).count > 0 else { throw CommandFailure("no account starts with \(prefix)") }
            suggestions.append(elapsed)
        }
        return [BenchTiming.header,
                BenchTiming.row("caller lookup (HTTP)", lookups),
                BenchTiming.row("search, all kinds below (HTTP)", searches)]
            + byKind.map { BenchTiming.row("  " + $0.0, $0.1) }
            + [BenchTiming.row("account type-ahead (HTTP)", suggestions)]
    }

    /// What people type into the search box, drawn from a generated person.
    enum SearchKind: String, CaseIterable {
        case fullName = "full name"
        case familyName = "family name"
        case namePrefix = "first 4 letters of a name"
        case email = "email address"
        case phoneDigits = "7 digits of a number"
        case companyWord = "company, first word"
        case insideWord = "letters inside a name"
        case chineseCharacter = "one Chinese character"
        case nothing = "no match"

        func query(_ index: Int) throws -> (String, expectsHits: Bool) {
            let person = try CustomerBenchmark.person(index)
            switch self {
            case .fullName: return (person.display, true)
            case .familyName: return (person.family, true)
            case .namePrefix: return (String(person.family.prefix(4)), true)
            case .email: return (person.email, true)
            case .phoneDigits: return (String(person.phone.e164.suffix(7)), true)
            case .companyWord:
                let name = CustomerBenchmark.accountName(index / CustomerBenchmark.contactsPerAccount)
                return (String(name.split(separator: " ").first ?? Substring(name)), true)
            case .insideWord:
                let word = person.family.split(separator: " ").max { $0.count < $1.count } ?? Substring(person.family)
                return (String(word.dropFirst(max(0, min(2, word.count - 4))).prefix(4)), true)
            case .chineseCharacter:
                let chinese = try CustomerBenchmark.person(index - index % CustomerBenchmark.numbers.count + 2)
                return (String(chinese.display.suffix(1)), true)
            case .nothing: return ("zqxv\(index % 1_000)", false)
            }
        }
    }

    private struct LookupAnswer: Decodable { let matches: [Ignored] }
    private struct SearchAnswer: Decodable { let items: [Ignored] }
    private struct Ignored: Decodable { init(from decoder: any Decoder) throws {} }
}

/// Sends GET requests with the benchmark's token and times each from sending to the last byte of the answer.
struct BenchClient {
    let app: Application
    let base: String
    let token: String

    func get(_ path: String, query: [String: String]) async throws -> (Duration, Data) {
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.key, value: $0.value) }
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let uri = URI(string: base + path + "?" + encoded)
        let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await app.client.get(uri, headers: headers)
        let elapsed = clock.now - start
        guard response.status == .ok, let body = response.body else {
            throw CommandFailure("GET \(path) answered \(response.status.code)")
        }
        return (elapsed, Data(buffer: body))
    }
}

/// A small deterministic generator (SplitMix64), so every run asks for the same customers.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

extension String {
    func chunked(_ size: Int) -> [String] {
        stride(from: 0, to: count, by: size).map { String(dropFirst($0).prefix(size)) }
    }
}
