import CRMCore
import Fluent
import SQLKit
import Vapor

/// `crm bench customers`: loads an empty SQLite (or PostgreSQL) database with contacts and accounts the way a bulk
/// import would, then serves the app on a local port and times caller lookup and search as HTTP requests.
struct CustomerBenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "contacts", help: "Contacts to load (default 1000000); one account per ten contacts") var contacts: Int?
        @Option(name: "requests", help: "Timed requests of each kind (default 2000)") var requests: Int?
        @Flag(name: "reuse", help: "Measure again on a database this benchmark already loaded") var reuse: Bool
        init() {}
    }

    var help: String { "Loads many contacts into an empty scratch database, then times caller lookup and search over HTTP." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let contacts = signature.contacts ?? 1_000_000
        let requests = signature.requests ?? 2_000
        guard contacts >= 10, requests > 1 else { throw CommandFailure("--contacts must be at least 10 and --requests positive") }
        try await app.autoMigrate()
        let users = try await User.query(on: app.db).count()
        let benchUsers = try await User.query(on: app.db).filter(\.$email ~= "@bench.example").count()
        if signature.reuse {
            guard users > 0, users == benchUsers, try await Contact.query(on: app.db).count() > 0 else {
                throw CommandFailure("--reuse needs a database loaded by an earlier run of this benchmark")
            }
        } else {
            guard users == 0 else {
                throw CommandFailure("the benchmark fills the database with made-up customers; point DATABASE_URL at an empty scratch database")
            }
            // The load leaves the write-ahead log for its run, which needs the only connection to the file.
            if case .sqliteFile = app.config.database { app.databases.reinitialize() }
            var steps: [(step: String, took: Duration)] = []
            let loading = try await ContinuousClock().measure {
                steps = try await CustomerBenchmark.load(contacts: contacts, on: app.db, now: app.clock.now())
            }
            func seconds(_ duration: Duration) -> String { String(format: "%.1f s", BenchTiming.seconds(duration)) }
            context.console.print("Loaded \(contacts) contacts and \(contacts / CustomerBenchmark.contactsPerAccount) accounts in \(seconds(loading))")
            for step in steps { context.console.print("  \(step.step) after \(seconds(step.took))") }
        }
        for line in try await CustomerBenchmark.measure(app: app, requests: requests) {
            context.console.print(line)
        }
    }
}

enum CustomerBenchmark {
    static let owners = 20
    static let contactsPerAccount = 10

    /// How a region writes a mobile number, unique for each `serial` below 9,000,000.
    struct Numbers {
        let country: String
        let write: @Sendable (_ digits: [Character]) -> String
        let digits: Int

        func number(_ serial: Int) -> String {
            write(Array(String(serial).leftPadded(to: digits)))
        }
    }

    static let numbers: [Numbers] = [
        Numbers(country: "LT", write: { "+370 6\(String($0[0..<2])) \(String($0[2..<7]))" }, digits: 7),
        Numbers(country: "ZA", write: { "+27 8\($0[0]) \(String($0[1..<4])) \(String($0[4..<8]))" }, digits: 8),
        Numbers(country: "CN", write: { "+86 13\($0[0]) \(String($0[1..<5])) \(String($0[5..<9]))" }, digits: 9),
        Numbers(country: "ES", write: { "+34 6\(String($0[0..<2])) \(String($0[2..<5])) \(String($0[5..<8]))" }, digits: 8),
        Numbers(country: "IN", write: { "+91 9\(String($0[0..<4])) \(String($0[4..<9]))" }, digits: 9),
    ]

    /// The generated person number `index`: region, names, mobile number as written and parsed, email.
    struct Person {
        let region: Int
        let given: String
        let family: String
        let display: String
        let mobile: String
        let phone: PhoneNumber
        let email: String
    }

    static func person(_ index: Int) throws -> Person {
        var localParts: [String: String] = [:]
        return try person(index, localParts: &localParts)
    }

    /// `localParts` remembers the email local part made from each given name (folding is costly and names repeat).
    static func person(_ index: Int, localParts: inout [String: String]) throws -> Person {
        let region = index % numbers.count
        let serial = index / numbers.count
        let (given, family, display) = DemoDirectory.regions[region].person(serial)
        let mobile = numbers[region].number(serial)
        let phone = try PhoneNumber(mobile, defaultCountry: numbers[region].country)
        let local: String
        if let known = localParts[given] {
            local = known
        } else {
            local = SearchText.fold(given).filter { $0.isASCII && $0.isLetter }
            localParts[given] = local
        }
        let email = "\(local.isEmpty ? "contact" : local).\(serial)@\(numbers[region].country.lowercased()).example"
        return Person(region: region, given: given, family: family, display: display, mobile: mobile, phone: phone, email: email)
    }

    static func accountName(_ index: Int) -> String {
        let region = index % numbers.count
        return "\(DemoDirectory.regions[region].companies(index / numbers.count)) \(index / numbers.count + 1)"
    }

    /// Loads in one transaction with multi-row INSERTs; on SQLite the secondary indexes and the substring index are
    /// built once at the end. Ids are time-ordered UUIDs, so primary keys grow at their end.
    /// Returns how long each step took: writing rows, building indexes, filling the substring index, committing.
    static func load(contacts: Int, on db: any Database, now: Date) async throws -> [(step: String, took: Duration)] {
        var ownerRows: [User] = []
        for index in 0..<owners {
            ownerRows.append(User(email: EmailAddress("owner\(index)@bench.example")!, name: "Owner \(index)", role: .sales, passwordHash: "-"))
        }
        try await ownerRows.create(on: db)
        let ownerIDs = try ownerRows.map { try $0.requireID() }
        let accounts = contacts / contactsPerAccount
        let clock = ContinuousClock()
        let timings = Timings()
        let started = clock.now
        try await db.withConnection { connection in
            try await SQLiteBulkMode.around(connection.sql) {
                try await connection.transaction { db in
                    let sql = db.sql
                    if sql.dialect.name == "sqlite" { try await sql.raw("PRAGMA cache_size = -262144").run() }
                    let tables = [Account.schema, Contact.schema, ContactPoint.schema, SearchTerm.schema]
                    // Ids grow through the load, and each record's entries and numbers are written with it.
                    let ascending = ["search_entries_subject", "contact_points_contact_id"]
                    try await DeferredIndexes.around(tables: tables, keeping: ascending, on: sql) {
                        var writer = BulkWriter(sql: sql)
                        var ids = TimeOrderedUUIDs(startingAt: now)
                        let accountIDs = (0..<accounts).map { _ in ids.next() }
                        try await loadAccounts(accountIDs, owners: ownerIDs, now: now, writer: &writer, ids: &ids)
                        try await loadContacts(contacts, accountIDs: accountIDs, owners: ownerIDs, now: now, writer: &writer, ids: &ids)
                        try await writer.finish()
                        timings.record("rows written", since: started)
                    }
                    timings.record("indexes built", since: started)
                    try await SubstringIndex.fill(on: sql)
                    timings.record("substring index filled", since: started)
                }
            }
        }
        timings.record("committed", since: started)
        return timings.steps
    }

    /// Step times, from the start of the load, collected from inside the database closures.
    final class Timings: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [(step: String, took: Duration)] = []

        func record(_ step: String, since start: ContinuousClock.Instant) {
            lock.withLock { recorded.append((step, ContinuousClock.now - start)) }
        }

        var steps: [(step: String, took: Duration)] { lock.withLock { recorded } }
    }

    private static let chunk = 500
    private static let pointColumns = ["id", "account_id", "contact_id", "kind", "label", "value", "normalized", "position"]
    private static let entryColumns = ["subject_type", "subject_id", "term", "part", "sort_name", "is_archived"]

    private static func loadAccounts(_ accountIDs: [UUID], owners: [UUID], now: Date, writer: inout BulkWriter, ids: inout TimeOrderedUUIDs) async throws {
        let empty = try BulkValue.constant([String]())
        let noAddresses = try BulkValue.constant([AddressValue]())
        let at = try BulkValue.constant(now)
        for start in stride(from: 0, to: accountIDs.count, by: chunk) {
            var rows: [[BulkValue]] = []
            var points: [[BulkValue]] = []
            var entries: [[BulkValue]] = []
            for index in start..<min(start + chunk, accountIDs.count) {
                let id = accountIDs[index]
                let name = accountName(index)
                let region = index % numbers.count
                let office = numbers[region].number(9_000_000 + index / numbers.count)
                let phone = try PhoneNumber(office, defaultCountry: numbers[region].country)
                rows.append([.uuid(id), .text(name), "company", .uuid(owners[index % owners.count]), noAddresses, empty, at, at, 1])
                points.append([.uuid(ids.next()), .uuid(id), .uuid(nil), "phone", "work", .text(office), .text(phone.e164), 0])
                let sortName = SearchText.fold(name)
                for entry in SearchText.entries(name: name, values: [String(phone.e164.dropFirst())]) {
                    entries.append(["account", .uuid(id), .text(entry.term), .integer(entry.kind.rawValue), .text(sortName), false])
                }
            }
            try await writer.insert(into: Account.schema, columns: ["id", "name", "kind", "owner_id", "addresses", "tags", "created_at", "updated_at", "version"], rows: rows)
            try await writer.insert(into: ContactPoint.schema, columns: pointColumns, rows: points)
            try await writer.insert(into: SearchTerm.schema, columns: entryColumns, rows: entries)
        }
    }

    private static func loadContacts(_ contacts: Int, accountIDs: [UUID], owners: [UUID], now: Date, writer: inout BulkWriter, ids: inout TimeOrderedUUIDs) async throws {
        let empty = try BulkValue.constant([String]())
        let noProfiles = try BulkValue.constant([SocialProfileValue]())
        let profile = try BulkValue.constant(PersonalProfileValue())
        let at = try BulkValue.constant(now)
        // Names repeat (as they do among real customers), so their folding is worked out once per name.
        var nameEntries: [String: (sortName: String, entries: [SearchEntry])] = [:]
        var localParts: [String: String] = [:]
        let columns = ["id", "account_id", "given_name", "family_name", "display_name", "title", "profile", "social_profiles", "language",
                       "may_email", "may_call", "may_market", "owner_id", "tags", "created_at", "updated_at", "version"]
        for start in stride(from: 0, to: contacts, by: chunk) {
            var rows: [[BulkValue]] = []
            var points: [[BulkValue]] = []
            var entries: [[BulkValue]] = []
            for index in start..<min(start + chunk, contacts) {
                let id = ids.next()
                let person = try person(index, localParts: &localParts)
                let region = DemoDirectory.regions[person.region]
                let accountIndex = index % accountIDs.count
                rows.append([.uuid(id), .uuid(accountIDs[accountIndex]), .text(person.given), .text(person.family), .text(person.display),
                             .text(DemoDirectory.pick(region.titles, index)), profile, noProfiles, .text(region.language), true, true,
                             .bool(index % 3 != 0), .uuid(owners[accountIndex % owners.count]), empty, at, at, 1])
                points.append([.uuid(ids.next()), .uuid(nil), .uuid(id), "phone", "mobile", .text(person.mobile), .text(person.phone.e164), 0])
                points.append([.uuid(ids.next()), .uuid(nil), .uuid(id), "email", "work", .text(person.email), .text(person.email), 0])
                let names: (sortName: String, entries: [SearchEntry])
                if let known = nameEntries[person.display] {
                    names = known
                } else {
                    names = (SearchText.fold(person.display), SearchText.entries(name: person.display, otherNames: [person.given, person.family]))
                    nameEntries[person.display] = names
                }
                for entry in names.entries {
                    entries.append(["contact", .uuid(id), .text(entry.term), .integer(entry.kind.rawValue), .text(names.sortName), false])
                }
                let whole = BulkValue.integer(SearchEntry.Kind.whole.rawValue)
                entries.append(["contact", .uuid(id), .text(String(person.phone.e164.dropFirst())), whole, .text(names.sortName), false])
                entries.append(["contact", .uuid(id), .text(person.email), whole, .text(names.sortName), false])
            }
            try await writer.insert(into: Contact.schema, columns: columns, rows: rows)
            try await writer.insert(into: ContactPoint.schema, columns: pointColumns, rows: points)
            try await writer.insert(into: SearchTerm.schema, columns: entryColumns, rows: entries)
        }
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? String(suffix(length)) : String(repeating: "0", count: length - count) + self
    }
}
