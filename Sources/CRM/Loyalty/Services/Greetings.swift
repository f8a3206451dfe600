import CRMCore
import Fluent
import Vapor

/// Holiday greetings as the API and pages show them, and their checks. A greeting starts as a draft with the standard
/// text in every language; a manager adapts the texts, previews who gets what, then schedules it or sends it now.
struct Greetings {
    let db: any Database
    let now: Date

    enum Status: String, CaseIterable, Codable, Sendable {
        case draft, scheduled, sending, done

        var label: String {
            switch self {
            case .draft: "Draft"
            case .scheduled: "Scheduled"
            case .sending: "Sending"
            case .done: "Sent"
            }
        }
    }

    struct TextInput: Content, Equatable {
        var language: String?
        var subject: String?
        var body: String?

        static let schema = JSONSchema.object([("language", .string(enumeration: GreetingLanguage.all)), ("subject", .string()), ("body", .string())],
                                              required: ["language", "subject", "body"])
    }

    struct Input: StrictInput {
        var calendar: String?
        var holidayDay: String?
        var holidayName: String?
        /// Two letters; ignored when `everyone`.
        var country: String?
        var everyone: Bool?
        var sendOn: String?
        var fallbackLanguage: String?
        /// Every language's text; a new greeting without them starts with the standard texts, a change without them keeps its own.
        var texts: [TextInput]?

        static let schema = JSONSchema.object([
            ("calendar", .string(description: "a built-in region (LT, ZA, CN, TW, ES, IN-TN) or an imported calendar")),
            ("holidayDay", .string(format: "date")), ("holidayName", .string()),
            ("country", .nullable(.string(description: "two letters: the contacts of accounts with an address there; default the region's country"))),
            ("everyone", .boolean), ("sendOn", .string(format: "date")), ("fallbackLanguage", .string(enumeration: GreetingLanguage.all)),
            ("texts", .array(.ref("GreetingTextInput"))),
        ], required: ["calendar", "holidayDay", "holidayName"])
    }

    /// What a greeting did: sent, skipped (by reason) and bounced (sent but not delivered).
    struct Results: Content, Equatable {
        struct Skipped: Content, Equatable {
            let reason: String
            let contacts: Int
        }
        let sent: Int
        let skipped: Int
        let bounced: Int
        let skippedBy: [Skipped]

        static let empty = Results(sent: 0, skipped: 0, bounced: 0, skippedBy: [])
        static let schema = JSONSchema.object([
            ("sent", .integer()), ("skipped", .integer()), ("bounced", .integer(description: "sent, but the mail server could not deliver it")),
            ("skippedBy", .array(.object([("reason", .string()), ("contacts", .integer())], required: ["reason", "contacts"]))),
        ], required: ["sent", "skipped", "bounced", "skippedBy"])
    }

    struct DTO: Content, Equatable {
        let id: UUID
        let holiday: HolidayBook.HolidayDTO
        let country: String?
        let sendOn: String
        let fallbackLanguage: String
        let status: String
        let texts: [TextInput]
        let results: Results
        let createdAt: Date
        let finishedAt: Date?

        static let schema = JSONSchema.object([
            ("id", .uuid), ("holiday", .ref("Holiday")), ("country", .nullable(.string(description: "null: every contact"))),
            ("sendOn", .string(format: "date")), ("fallbackLanguage", .string()), ("status", .string(enumeration: Status.allCases.map(\.rawValue))),
            ("texts", .array(.ref("GreetingTextInput"))), ("results", .ref("GreetingResults")), ("createdAt", .dateTime), ("finishedAt", .nullable(.dateTime)),
        ], required: ["id", "holiday", "sendOn", "fallbackLanguage", "status", "texts", "results", "createdAt"])
    }

    func require(_ id: UUID) async throws -> Greeting {
        guard let greeting = try await Greeting.find(id, on: db) else { throw APIError.notFound("This greeting") }
        return greeting
    }

    /// Checks and stores a greeting (new when `existing` is nil) with its texts, in one transaction.
    @discardableResult
    func save(_ input: Input, greeting existing: Greeting? = nil, actor: User) async throws -> Greeting {
        if let existing, existing.status != Status.draft.rawValue, existing.status != Status.scheduled.rawValue {
            throw APIError.conflict("This greeting has been sent; it can no longer be changed.")
        }
        var fields = FieldCheck()
        let calendar = fields.required(input.calendar, "calendar", max: 60)
        let day = fields.date(input.holidayDay, "holidayDay")
        if input.holidayDay == nil { fields.fail("holidayDay", "is required: the holiday's day") }
        let name = fields.required(input.holidayName, "holidayName", max: 200)
        var holiday: Holiday?
        if let day = day.flatMap(CalendarDate.init), !calendar.isEmpty, !name.isEmpty {
            holiday = try await HolidayBook(db: db).holiday(calendar: calendar, day: day, name: name)
            if holiday == nil { fields.fail("holidayName", "is not a holiday of calendar \(calendar) on \(day)") }
        }
        let region = HolidayRegion(rawValue: calendar)
        var country: String?
        if input.everyone != true {
            country = fields.text(input.country, "country", max: 2)?.uppercased() ?? region?.country
            if let code = country, code.count != 2 || !code.allSatisfy(\.isLetter) { fields.fail("country", "must be a two-letter country code such as LT") }
            if country == nil { fields.fail("country", "is required for an imported calendar: whose contacts, or everyone: true") }
        }
        let sendOn = fields.date(input.sendOn, "sendOn") ?? existing?.sendOn ?? holiday?.day.description ?? ""
        let fallback = fields.text(input.fallbackLanguage, "fallbackLanguage") ?? existing?.fallbackLanguage ?? "en"
        if !GreetingLanguage.all.contains(fallback) { fields.fail("fallbackLanguage", "must be one of " + GreetingLanguage.all.joined(separator: ", ")) }
        let texts = try await checkedTexts(input.texts, existing: existing, fields: &fields)
        if !texts.contains(where: { $0.language == fallback }) { fields.fail("fallbackLanguage", "has no text: write one in \(fallback)") }
        try fields.throwIfFailed()
        let greeting = existing ?? Greeting()
        greeting.holidayDay = day ?? ""
        greeting.holidayName = name
        greeting.calendar = calendar
        greeting.country = country
        greeting.sendOn = sendOn
        greeting.fallbackLanguage = fallback
        if existing == nil {
            greeting.status = Status.draft.rawValue
            greeting.createdByID = actor.id
            greeting.createdAt = now
        }
        greeting.updatedAt = now
        try await db.transaction { db in
            try await greeting.save(on: db)
            let id = try greeting.requireID()
            try await GreetingText.query(on: db).filter(\.$greetingID == id).delete()
            for text in texts {
                let row = GreetingText()
                (row.greetingID, row.language, row.subject, row.body) = (id, text.language!, text.subject!, text.body!)
                try await row.create(on: db)
            }
        }
        return greeting
    }

    /// The texts given (each language once, known placeholders only), the greeting's own when none are given, or the
    /// standard ones for a new greeting.
    private func checkedTexts(_ given: [TextInput]?, existing: Greeting?, fields: inout FieldCheck) async throws -> [TextInput] {
        guard let given else {
            if let existing { return try await Self.texts(of: [existing.requireID()], on: db)[existing.requireID()] ?? [] }
            return GreetingLanguage.all.compactMap { language in
                GreetingTemplate.standard(language).map { TextInput(language: language, subject: $0.subject, body: $0.body) }
            }
        }
        var seen = Set<String>()
        var texts = [TextInput]()
        for (index, text) in given.enumerated() {
            let path = "texts[\(index)]"
            guard let language = fields.text(text.language, path + ".language"), GreetingLanguage.all.contains(language) else {
                fields.fail(path + ".language", "must be one of " + GreetingLanguage.all.joined(separator: ", "))
                continue
            }
            if !seen.insert(language).inserted { fields.fail(path + ".language", "is given twice") }
            let subject = fields.required(text.subject, path + ".subject", max: 200)
            let body = fields.required(text.body, path + ".body", max: 10_000)
            for (field, value) in [("subject", subject), ("body", body)] {
                let unknown = GreetingTemplate.unknownPlaceholders(in: value)
                if !unknown.isEmpty {
                    fields.fail(path + "." + field, "has unknown placeholders " + unknown.map { "{\($0)}" }.joined(separator: ", ")
                                + "; use " + GreetingTemplate.placeholders.map { "{\($0)}" }.joined(separator: ", "))
                }
            }
            texts.append(TextInput(language: language, subject: subject, body: body))
        }
        if texts.isEmpty && given.isEmpty { fields.fail("texts", "must hold at least one language's text") }
        return texts
    }

    /// Schedules a draft (sent on its day by the `loyalty.greetings` job) or takes a scheduled one back to draft.
    func setScheduled(_ greeting: Greeting, _ scheduled: Bool, sendToday: Bool = false) async throws {
        let status = Status(rawValue: greeting.status) ?? .draft
        guard status == .draft || status == .scheduled else { throw APIError.conflict("This greeting is \(status.label.lowercased()) already.") }
        greeting.status = (scheduled ? Status.scheduled : .draft).rawValue
        if sendToday { greeting.sendOn = CalendarDate.today(at: now).description }
        greeting.updatedAt = now
        try await greeting.save(on: db)
    }

    /// Removes a greeting that has sent nothing.
    func delete(_ greeting: Greeting) async throws {
        let id = try greeting.requireID()
        if try await GreetingSend.query(on: db).filter(\.$greetingID == id).filter(\.$status == "sent").count() > 0 {
            throw APIError.conflict("This greeting has been sent to some contacts: it stays as their record.")
        }
        try await greeting.delete(on: db)
    }

    static func texts(of ids: [UUID], on db: any Database) async throws -> [UUID: [TextInput]] {
        guard !ids.isEmpty else { return [:] }
        let order = Dictionary(uniqueKeysWithValues: GreetingLanguage.all.enumerated().map { ($1, $0) })
        return Dictionary(grouping: try await GreetingText.query(on: db).filter(\.$greetingID ~~ ids).all(), by: \.greetingID)
            .mapValues { rows in
                rows.sorted { (order[$0.language] ?? 99) < (order[$1.language] ?? 99) }
                    .map { TextInput(language: $0.language, subject: $0.subject, body: $0.body) }
            }
    }

    /// Every greeting, the coming ones first.
    func all() async throws -> [DTO] {
        try await dtos(Greeting.query(on: db).sort(\.$sendOn, .descending).sort(\.$createdAt, .descending).all())
    }

    func dto(_ greeting: Greeting) async throws -> DTO { try await dtos([greeting])[0] }

    /// The greetings with their texts and results: a constant number of statements however many greetings.
    private func dtos(_ greetings: [Greeting]) async throws -> [DTO] {
        let ids = try greetings.map { try $0.requireID() }
        let texts = try await Self.texts(of: ids, on: db)
        let results = try await results(of: ids, since: greetings.map(\.createdAt).min() ?? now)
        return try greetings.map { greeting in
            let id = try greeting.requireID()
            return DTO(id: id, holiday: .init(Holiday(day: CalendarDate(greeting.holidayDay) ?? CalendarDate.today(at: now), name: greeting.holidayName,
                                                      calendar: greeting.calendar)),
                       country: greeting.country, sendOn: greeting.sendOn, fallbackLanguage: greeting.fallbackLanguage, status: greeting.status,
                       texts: texts[id] ?? [], results: results[id] ?? .empty, createdAt: greeting.createdAt, finishedAt: greeting.finishedAt)
        }
    }

    private struct Count: Decodable { let greeting_id: UUID; let status: String; let reason: String?; let contacts: Int }
    private struct Sent: Decodable { let greeting_id: UUID; let contacts: Int }

    /// Sends and skips counted in SQL; bounces are the sends whose email failed in the outbox since the oldest greeting.
    private func results(of ids: [UUID], since: Date) async throws -> [UUID: Results] {
        guard !ids.isEmpty else { return [:] }
        let counts = try await db.sql.raw("""
            SELECT greeting_id, status, reason, COUNT(*) AS contacts FROM greeting_sends
            WHERE greeting_id IN (\(binds: ids)) GROUP BY greeting_id, status, reason
            """).all(decoding: Count.self)
        var bounced = [UUID: Int]()
        let failed = try await GreetingRun.mailing.undelivered(since, db)
        for chunk in failed.chunked(500) {
            for row in try await db.sql.raw("""
                SELECT greeting_id, COUNT(*) AS contacts FROM greeting_sends
                WHERE greeting_id IN (\(binds: ids)) AND interaction_id IN (\(binds: Array(chunk))) GROUP BY greeting_id
                """).all(decoding: Sent.self) { bounced[row.greeting_id, default: 0] += row.contacts }
        }
        return Dictionary(grouping: counts, by: \.greeting_id).mapValues { rows in
            let skipped = rows.filter { $0.status == "skipped" }
            return Results(sent: rows.filter { $0.status == "sent" }.map(\.contacts).reduce(0, +), skipped: skipped.map(\.contacts).reduce(0, +),
                           bounced: bounced[rows[0].greeting_id] ?? 0,
                           skippedBy: skipped.sorted { $0.contacts > $1.contacts }.map { Results.Skipped(reason: $0.reason ?? "", contacts: $0.contacts) })
        }
    }
}
