import CRMCore
import Fluent
import Vapor

/// Sends a greeting: each contact of its audience gets one email in their language from their owner, through the
/// outbox, unless they have not agreed to email or marketing, have no address, are over the contact-frequency cap
/// or were greeted for the holiday already. Contacts are walked in pages; each page's emails and records are stored in
/// one transaction, so a run stopped half-way leaves whole pages and the next run goes on where it stopped.
/// `preview` decides the same way without sending.
struct GreetingRun {
    let db: any Database
    let app: Application
    let now: Date
    var pageSize = 500
    /// Pages one run may send before leaving the rest to the next (the greeting stays `sending`): keeps one job run
    /// within its lease over a very large audience.
    var maxPages = Int.max

    static let kind = JobKind(name: "loyalty.greetings", summary: "Send the holiday greetings whose day has come",
                              maxAttempts: 3, schedule: "*/10 * * * *") { run in
        let today = TaskDue.day(of: run.now, in: run.app.config.timeZone).description
        let due = try await Greeting.query(on: run.db).filter(\.$status ~~ [Greetings.Status.scheduled.rawValue, Greetings.Status.sending.rawValue])
            .filter(\.$sendOn <= today).all()
        for greeting in due {
            let sent = try await GreetingRun(db: run.db, app: run.app, now: run.now).send(greeting)
            run.app.logger.info("Greeting for \(greeting.holidayName): \(sent) sent")
        }
    }

    /// Automated customer mail as Interactions offers it.
    static var mailing: Contributions.CustomerMailing {
        get throws {
            guard let mailing = Areas.contributions.customerMailing else {
                throw APIError(.serviceUnavailable, code: "no_mail", message: "No area sends customer mail.")
            }
            return mailing
        }
    }

    /// What the greeting does for one contact.
    struct Decision: Content, Equatable {
        let contact: RecordRef
        let company: String?
        /// The language written to them, and whether it is their own (false: the fallback).
        let language: String?
        let ownLanguage: Bool
        let subject: String?
        let body: String?
        /// nil: it is sent.
        let skipReason: String?

        static let schema = JSONSchema.object([
            ("contact", RecordRef.schema), ("company", .nullable(.string())), ("language", .nullable(.string())), ("ownLanguage", .boolean),
            ("subject", .nullable(.string())), ("body", .nullable(.string())), ("skipReason", .nullable(.string(description: "null: the greeting is sent"))),
        ], required: ["contact", "ownLanguage"])
    }

    struct Preview: Content, Equatable {
        let items: [Decision]
        /// The last contact of the page, to ask for the next; nil at the end.
        let next: UUID?

        static let schema = JSONSchema.object([("items", .array(.ref("GreetingDecision"))), ("next", .nullable(.uuid))], required: ["items"])
    }

    /// The decisions for up to `limit` contacts of the audience after `after`, and where the next page starts.
    func preview(_ greeting: Greeting, after: UUID?, limit: Int) async throws -> Preview {
        let context = try await Context(greeting, db: db)
        let page = try await CustomerDirectory(db: db).addressees(after: after, limit: limit, country: greeting.country)
        let decisions = try await decide(page, context)
        return Preview(items: decisions.map(\.decision), next: page.count == limit ? page.last?.id : nil)
    }

    /// Sends the greeting to every contact not yet sent it, page by page; returns how many were sent in this run.
    @discardableResult
    func send(_ greeting: Greeting) async throws -> Int {
        greeting.status = Greetings.Status.sending.rawValue
        try await greeting.save(on: db)
        let context = try await Context(greeting, db: db)
        let directory = CustomerDirectory(db: db)
        var after: UUID?
        var sent = 0
        var pages = 0
        while true {
            // The rest is left for the next run; the greeting stays `sending`.
            guard pages < maxPages else { return sent }
            let page = try await directory.addressees(after: after, limit: pageSize, country: greeting.country)
            pages += 1
            if !page.isEmpty { sent += try await sendPage(page, context) }
            guard page.count == pageSize, let last = page.last else { break }
            after = last.id
        }
        greeting.status = Greetings.Status.done.rawValue
        greeting.finishedAt = now
        try await greeting.save(on: db)
        return sent
    }

    private func sendPage(_ audience: [CustomerDirectory.Addressee], _ context: Context) async throws -> Int {
        let greetingID = context.greetingID
        let recorded = try await GreetingSend.query(on: db).filter(\.$contactID ~~ audience.map(\.id))
            .group(.or) { $0.filter(\.$greetingID == greetingID).group(.and) { $0.filter(\.$occasion == context.occasion).filter(\.$status == "sent") } }
            .all()
        // Contacts this greeting already sent to are done; its earlier skips are decided again (consent may have come).
        let done = Set(recorded.filter { $0.greetingID == greetingID && $0.status == "sent" }.map(\.contactID))
        let decisions = try await decide(audience.filter { !done.contains($0.id) }, context, recorded: recorded)
        guard !decisions.isEmpty else { return 0 }
        let mailing = try Self.mailing
        let (app, now) = (app, now)
        return try await db.transaction { db in
            let mails = decisions.compactMap { item -> Contributions.CustomerEmail? in
                guard item.decision.skipReason == nil, let subject = item.decision.subject, let body = item.decision.body else { return nil }
                return Contributions.CustomerEmail(contactID: item.decision.contact.id, subject: subject, body: body, senderID: item.senderID)
            }
            let logged = mails.isEmpty ? [:] : try await mailing.queue(mails, db, app)
            try await GreetingSend.query(on: db).filter(\.$greetingID == greetingID).filter(\.$contactID ~~ decisions.map(\.decision.contact.id)).delete()
            let rows = decisions.map { item in
                let row = GreetingSend()
                row.greetingID = greetingID
                row.occasion = context.occasion
                row.contactID = item.decision.contact.id
                row.language = item.decision.language
                row.at = now
                if let interactionID = logged[item.decision.contact.id] {
                    (row.status, row.interactionID) = ("sent", interactionID)
                } else {
                    // Between the decision and the queueing a cap or consent may have changed: still skipped, with a reason.
                    (row.status, row.reason) = ("skipped", item.decision.skipReason ?? "could not be queued")
                }
                return row
            }
            try await rows.create(on: db)
            return logged.count
        }
    }

    /// What the run knows about the greeting before reading contacts.
    struct Context {
        let greetingID: UUID
        let occasion: String
        let holidayName: String
        let texts: [String: Greetings.TextInput]
        let fallback: String

        init(_ greeting: Greeting, db: any Database) async throws {
            greetingID = try greeting.requireID()
            holidayName = greeting.holidayName
            occasion = Holiday(day: CalendarDate(greeting.holidayDay) ?? CalendarDate(year: 1970, month: 1, day: 1), name: greeting.holidayName,
                               calendar: greeting.calendar).occasion
            let texts = try await Greetings.texts(of: [greetingID], on: db)[greetingID] ?? []
            self.texts = Dictionary(texts.map { ($0.language ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            fallback = greeting.fallbackLanguage
        }
    }

    private struct Decided {
        let decision: Decision
        let senderID: UUID?
    }

    /// Each contact's decision: a constant number of statements for the page (earlier sends, obstacles, owners).
    private func decide(_ contacts: [CustomerDirectory.Addressee], _ context: Context, recorded: [GreetingSend]? = nil) async throws -> [Decided] {
        guard !contacts.isEmpty else { return [] }
        let ids = contacts.map(\.id)
        var earlier = recorded ?? []
        if recorded == nil {
            earlier = try await GreetingSend.query(on: db).filter(\.$contactID ~~ ids).filter(\.$occasion == context.occasion).filter(\.$status == "sent").all()
        }
        let greeted = Set(earlier.filter { $0.status == "sent" && $0.greetingID != context.greetingID }.map(\.contactID))
        let sentHere = Set(earlier.filter { $0.status == "sent" && $0.greetingID == context.greetingID }.map(\.contactID))
        let obstacles = try await Self.mailing.obstacles(ids, db, app)
        let owners = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ Set(contacts.map(\.owner_id))).all()
            .compactMap { user in user.id.map { ($0, user) } })
        let available = Set(context.texts.keys)
        return contacts.map { contact in
            let own = GreetingLanguage.match(contact.language, in: available)
            let language = own ?? context.fallback
            let owner = owners[contact.owner_id].flatMap { $0.isDisabled ? nil : $0 }
            let reason: String? = if sentHere.contains(contact.id) { "greeted by this greeting already" }
                else if greeted.contains(contact.id) { "greeted for this holiday by another greeting" }
                else if !contact.may_email { "has not agreed to be emailed" }
                else if !contact.may_market { "has not agreed to marketing" }
                else { obstacles[contact.id] }
            var subject: String?, body: String?
            if reason == nil, let text = context.texts[language] {
                let values = GreetingTemplate.Values(name: contact.display_name, firstName: contact.given_name, company: contact.account_name,
                                                     holiday: context.holidayName, signature: owner?.emailSignature ?? "Customer service")
                subject = GreetingTemplate.render(text.subject ?? "", values)
                body = GreetingTemplate.render(text.body ?? "", values)
            }
            return Decided(decision: Decision(contact: RecordRef(id: contact.id, name: contact.display_name), company: contact.account_name,
                                              language: language, ownLanguage: own != nil, subject: subject, body: body, skipReason: reason),
                           senderID: owner?.id)
        }
    }
}
