import CRMCore
import Fluent
import SQLKit
import Vapor

/// After-sales follow-up: an hour (`surveyDelayMinutes`) after a case is resolved, its contact is asked how it went — a private link, no
/// sign-in, answered once, valid for 14 days — when they agreed to email and the contact-frequency cap allows it;
/// otherwise the assignee gets a task to follow up. Scores (overall, and optionally product quality, delivery time
/// and speed of answers, 1 to 5) show on the case, the account and the assignee's cases.
enum CaseSurveys {
    static let validFor: TimeInterval = 14 * 86_400

    struct Payload: Codable, Sendable {
        let caseID: UUID
        let round: Int
    }

    static let kind = JobKind(name: "service.survey", summary: "Ask a customer how their resolved case went, or have its assignee follow up",
                              maxAttempts: 3) { run in
        let payload = try run.decode(Payload.self)
        try await followUp(payload, app: run.app, now: run.now)
    }

    /// Queued when a case is resolved: once per resolution, whoever resolves it how often.
    static func schedule(_ item: ServiceCase, settings: ServiceSettings, now: Date, on db: any Database) async throws {
        let payload = Payload(caseID: try item.requireID(), round: item.reopened)
        let due = now.addingTimeInterval(TimeInterval(settings.surveyDelayMinutes * 60))
        try await JobQueue(db: db).enqueue(kind.name, payload: payload, due: due, now: now, maxAttempts: kind.maxAttempts,
                                           uniqueKey: "survey:\(payload.caseID):\(payload.round)")
    }

    /// Sends the survey, or sets the follow-up task and says why on the case; nothing when the case was reopened
    /// meanwhile or this resolution was already followed up.
    static func followUp(_ payload: Payload, app: Application, now: Date) async throws {
        try await app.db.transaction { db in
            guard let item = try await ServiceCase.find(payload.caseID, on: db), item.reopened == payload.round,
                  let status = CaseStatus(rawValue: item.status), status == .resolved || status == .closed else { return }
            let token = SecretGenerator.urlSafe()
            let inserted = try await db.sql.insert(into: "case_surveys")
                .columns("id", "case_id", "round", "token_hash", "account_id", "contact_id", "assignee_id", "sent_at", "expires_at")
                .values(SQLBind(UUID()), SQLBind(payload.caseID), SQLBind(payload.round), SQLBind(APIToken.digest(token)), SQLBind(item.accountID),
                        SQLBind(item.contactID), SQLBind(item.$assignee.id), SQLBind(now), SQLBind(now.addingTimeInterval(validFor)))
                .ignoringConflicts(with: ["case_id", "round"]).returning("id").first()
            guard inserted != nil else { return }
            let store = CaseStore(db: db, actor: nil, now: now, settings: try await ServiceSettings.load(on: db, defaultZone: app.config.timeZone))
            var reason = "the case has no contact"
            if let contactID = item.contactID, let mail = app.contributions.customerMail {
                let link = app.config.publicURL + Site.survey(token)
                let body = """
                    Hello,

                    we have resolved your case \(item.reference), "\(item.subject)". Would you tell us how we did? It takes a minute:

                    \(link)

                    The link works once and for 14 days. Thank you.
                    """
                do {
                    let interactionID = try await mail(.init(contactID: contactID, subject: "[\(item.reference)] How did we do?", body: body,
                                                             inReplyTo: item.messageID, capped: true), nil, db, app)
                    try await store.record(.survey, on: item, body: "Satisfaction survey sent.", interactionID: interactionID, db: db)
                    return
                } catch let error as APIError where error.status == .conflict || error.status == .unprocessableEntity {
                    reason = error.fields.values.first ?? error.message
                }
            }
            try await db.sql.delete(from: "case_surveys").where("case_id", .equal, SQLBind(payload.caseID)).where("round", .equal, SQLBind(payload.round))
                .where("answered_at", .is, SQLLiteral.null).run()
            var owner = item.$assignee.id
            if owner == nil { owner = try await Departments(db: db).managers()[item.$department.id] }
            if let owner, let schedule = app.contributions.taskScheduling, let person = try await User.find(owner, on: db) {
                let tomorrow = TaskDue.day(of: now, in: TimeZone(identifier: person.timeZone) ?? .gmt).adding(days: 1)
                try await schedule(.init(assigneeID: owner, title: "Follow up on \(item.reference): \(item.subject)",
                                         notes: "No survey was sent: \(reason). Ask the customer whether the matter is settled.",
                                         dueOn: tomorrow.description, accountID: item.accountID, contactID: item.contactID), db, now)
            }
            try await store.record(.survey, on: item, body: "No survey sent (\(reason)); a follow-up task instead.", db: db)
        }
    }

    // MARK: Answers

    struct Survey: Sendable {
        let caseID: UUID
        let reference: String
        let subject: String
        let expiresAt: Date
        let answeredAt: Date?
    }

    static func find(token: String, on db: any Database) async throws -> Survey? {
        guard let row = try await db.sql.raw("""
            SELECT s.case_id, s.expires_at, s.answered_at, c.number, c.subject FROM case_surveys s JOIN cases c ON c.id = s.case_id
            WHERE s.token_hash = \(bind: APIToken.digest(token))
            """).first() else { return nil }
        return Survey(caseID: try row.decode(column: "case_id", as: UUID.self), reference: ServiceCase.reference(try row.decode(column: "number", as: Int.self)),
                      subject: try row.decode(column: "subject", as: String.self), expiresAt: try row.decode(column: "expires_at", as: Date.self),
                      answeredAt: try row.decode(column: "answered_at", as: Date?.self))
    }

    struct Answer: Content {
        var overall: String?
        var quality: String?
        var delivery: String?
        var speed: String?
        var comment: String?
    }

    enum Refusal: Error, Equatable { case unknown, expired, answered }

    /// Records the answer once: the statement that stores it also checks it is the first and in time.
    static func answer(token: String, _ answer: Answer, now: Date, on db: any Database) async throws {
        var fields = FieldCheck()
        func score(_ text: String?, _ field: String, required: Bool) -> Int? {
            guard let text, !text.isEmpty else {
                if required { fields.fail(field, "is required: a score from 1 to 5") }
                return nil
            }
            guard let value = Int(text), (1...5).contains(value) else { fields.fail(field, "must be a score from 1 to 5"); return nil }
            return value
        }
        let overall = score(answer.overall, "overall", required: true)
        let quality = score(answer.quality, "quality", required: false)
        let delivery = score(answer.delivery, "delivery", required: false)
        let speed = score(answer.speed, "speed", required: false)
        let comment = fields.text(answer.comment, "comment", max: 5_000)
        try fields.throwIfFailed()
        guard let survey = try await find(token: token, on: db) else { throw Refusal.unknown }
        try await db.transaction { db in
            let claimed = try await db.sql.update("case_surveys").set("answered_at", to: SQLBind(now)).set("overall", to: SQLBind(overall))
                .set("quality", to: SQLBind(quality)).set("delivery", to: SQLBind(delivery)).set("speed", to: SQLBind(speed)).set("comment", to: SQLBind(comment))
                .where("token_hash", .equal, SQLBind(APIToken.digest(token))).where("answered_at", .is, SQLLiteral.null)
                .where("expires_at", .greaterThan, SQLBind(now)).returning("case_id").first()
            guard claimed != nil else { throw survey.answeredAt != nil ? Refusal.answered : survey.expiresAt <= now ? Refusal.expired : Refusal.answered }
            guard let item = try await ServiceCase.find(survey.caseID, on: db) else { return }
            let scores = [("overall", overall), ("product quality", quality), ("delivery time", delivery), ("speed of answers", speed)]
                .compactMap { name, value in value.map { "\(name) \($0)/5" } }.joined(separator: ", ")
            let store = CaseStore(db: db, actor: nil, now: now, settings: try await ServiceSettings.load(on: db, defaultZone: .gmt))
            try await store.record(.survey, on: item, body: "The customer answered: \(scores)." + (comment.map { "\n\n“\($0)”" } ?? ""), to: String(overall ?? 0), db: db)
        }
    }

    /// Average scores of answered surveys: per account, or per assignee.
    struct Scores: Sendable, Equatable {
        let answers: Int
        /// Tenths of a point, exact (45 = 4.5).
        let overallTenths: Int?

        var text: String {
            guard let tenths = overallTenths, answers > 0 else { return "no answers yet" }
            return "\(tenths / 10).\(tenths % 10) of 5 from \(answers) answer\(answers == 1 ? "" : "s")"
        }
    }

    static func scores(account: UUID? = nil, assignee: UUID? = nil, on db: any Database) async throws -> Scores {
        let column: SQLQueryString = account != nil ? "account_id" : "assignee_id"
        let id = account ?? assignee ?? UUID()
        let row = try await db.sql.raw("""
            SELECT COUNT(*) AS answers, CAST(COALESCE(SUM(overall), 0) AS BIGINT) AS total FROM case_surveys
            WHERE \(column) = \(bind: id) AND answered_at IS NOT NULL
            """).first()
        let answers = try row?.decode(column: "answers", as: Int.self) ?? 0
        let total = try row?.decode(column: "total", as: Int.self) ?? 0
        return Scores(answers: answers, overallTenths: answers == 0 ? nil : (total * 10 + answers / 2) / answers)
    }
}
