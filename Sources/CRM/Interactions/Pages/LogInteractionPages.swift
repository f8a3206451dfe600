import CRMCore
import Fluent
import Vapor

/// The form that logs a call, email, meeting, note, social message or fax, opened from a contact, an account,
/// a deal or the caller screen. Query parameters prefill it (`kind`, `direction`, `phone`), and
/// `returnTo` brings the user back to where they started (the caller screen).
enum LogInteractionPages {
    struct LogForm: Content {
        var kind: String?
        var direction: String?
        var contactId: String?
        var channel: String?
        var subject: String?
        var body: String?
        var outcome: String?
        var sentiment: String?
        var followUpOn: String?
        var capReason: String?
        var returnTo: String?
    }

    /// What the interaction is logged against.
    enum Target {
        case contact(CustomerDirectory.ContactFacts)
        case account(CustomerDirectory.AccountFacts)
        case deal(DealDirectory.DealFacts)

        var path: String {
            switch self {
            case let .contact(contact): Site.contact(contact.id)
            case let .account(account): Site.account(account.id)
            case let .deal(deal): Site.deal(deal.id)
            }
        }

        /// Where the log form posts.
        var logPath: String {
            switch self {
            case let .contact(contact): Site.contactLog(contact.id)
            case let .account(account): Site.accountLog(account.id)
            case let .deal(deal): Site.dealLog(deal.id)
            }
        }

        var name: String {
            switch self {
            case let .contact(contact): contact.name
            case let .account(account): account.name
            case let .deal(deal): "the deal “\(deal.name)”"
            }
        }

        var accountID: UUID? {
            switch self {
            case let .contact(contact): contact.accountID
            case let .account(account): account.id
            case let .deal(deal): deal.accountID
            }
        }

        /// Where a saved interaction is seen.
        var savedPath: String {
            switch self {
            case .contact, .account: path + "#timeline"
            case .deal: path
            }
        }
    }

    static func contactTarget(_ request: Request) async throws -> Target {
        .contact(try await CustomerDirectory(db: request.db).requireContact(try request.pathUUID("contactID")))
    }

    static func accountTarget(_ request: Request) async throws -> Target {
        .account(try await CustomerDirectory(db: request.db).requireAccount(try request.pathUUID("accountID")))
    }

    static func dealTarget(_ request: Request) async throws -> Target {
        guard let deal = try await DealDirectory(db: request.db).deal(try request.pathUUID("opportunityID")) else { throw APIError.notFound("This deal") }
        return .deal(deal)
    }

    /// The empty form, prefilled from the query: `/lookup`'s *Log this call* sends kind, direction and phone.
    static func new(_ request: Request, _ target: Target) async throws -> Response {
        let phone = request.query[String.self, at: "phone"].map { String($0.prefix(60)) }
        let kind = request.query[String.self, at: "kind"] ?? InteractionKind.call.rawValue
        let direction = request.query[String.self, at: "direction"] ?? InteractionDirection.outbound.rawValue
        var form = LogForm(kind: kind, direction: direction, channel: phone,
                           returnTo: LocalPath.checked(request.query[String.self, at: "returnTo"]))
        if let phone, kind == InteractionKind.call.rawValue {
            form.subject = (direction == InteractionDirection.inbound.rawValue ? "Call from " : "Call to ") + phone
        }
        return try await page(request, target, form: form, errors: [:]).response()
    }

    static func create(_ request: Request, _ target: Target) async throws -> Response {
        let form = try request.content.decode(LogForm.self)
        var input = InteractionInput()
        input.kind = form.kind
        let undirected: Set<String?> = [InteractionKind.note.rawValue, InteractionKind.meeting.rawValue]
        input.direction = undirected.contains(form.kind) ? nil : form.direction
        switch target {
        case let .contact(contact):
            input.contactIds = [contact.id]
        case let .account(account):
            input.accountId = account.id
        case let .deal(deal):
            input.accountId = deal.accountID
            input.opportunityId = deal.id
        }
        if let chosen = form.contactId, !chosen.isEmpty {
            guard let id = UUID(uuidString: chosen) else {
                return try await page(request, target, form: form, errors: ["contactId": "is not one of the account's people"])
                    .response(status: .unprocessableEntity)
            }
            input.contactIds = (input.contactIds ?? []) + [id]
        }
        (input.channel, input.subject, input.body, input.outcome) = (form.channel, form.subject, form.body, form.outcome)
        (input.sentiment, input.followUpOn, input.capReason) = (form.sentiment, form.followUpOn, form.capReason)
        do {
            _ = try await InteractionStore(request).create(input)
            return request.redirect(to: LocalPath.checked(form.returnTo) ?? target.savedPath)
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await page(request, target, form: form, errors: error.fields).response(status: .unprocessableEntity)
        }
    }

    private static func page(_ request: Request, _ target: Target, form: LogForm, errors: [String: String]) async throws -> Node {
        let context = PageContext(request)
        var people: [(value: String, label: String)] = []
        if case .contact = target {} else if let accountID = target.accountID {
            people = try await CustomerDirectory(db: request.db).people(ofAccount: accountID, limit: 200).map { ($0.id.uuidString, $0.name) }
        }
        return Layout.page("Log an interaction", context) {
            Node.h1 { .text("Log an interaction with " + target.name) }
            Node.form(.method("post"), .action(target.logPath), .class("record")) {
                context.csrfField
                if let returnTo = form.returnTo, !returnTo.isEmpty { Node.input(.type("hidden"), .name("returnTo"), .value(returnTo)) }
                FormField.select("kind", label: "What", options: InteractionKind.allCases.filter { $0 != .quote }.map { ($0.rawValue, $0.rawValue.capitalized) },
                                 selected: form.kind, errors: errors)
                FormField.select("direction", label: "Direction", options: [("outbound", "We contacted them"), ("inbound", "They contacted us")],
                                 selected: form.direction, errors: errors)
                if !people.isEmpty {
                    FormField.select("contactId", label: "With", options: people, selected: form.contactId, errors: errors, includeEmpty: true)
                }
                FormField.input("channel", label: "Number or channel", value: form.channel, errors: errors)
                FormField.input("subject", label: "Subject", value: form.subject, errors: errors)
                FormField.textarea("body", label: "What was said", value: form.body, errors: errors, rows: 5)
                FormField.input("outcome", label: "Outcome", value: form.outcome, errors: errors)
                FormField.select("sentiment", label: "Sentiment", options: Sentiment.allCases.map { ($0.rawValue, $0.rawValue.capitalized) },
                                 selected: form.sentiment, errors: errors, includeEmpty: true)
                FormField.input("followUpOn", label: "Follow up on", value: form.followUpOn, type: "date", errors: errors)
                if errors["capReason"] != nil || form.capReason != nil {
                    FormField.input("capReason", label: "Why contact them again now", value: form.capReason, errors: errors)
                }
                // An error for the person picker shows beside it, or in the list when the account has no one to pick.
                FormField.otherErrors(errors, shown: Set(["kind", "direction", "channel", "subject", "body", "outcome", "sentiment", "followUpOn", "capReason"]
                                                         + (people.isEmpty ? [] : ["contactId"])))
                Node.button(.type("submit")) { "Save" }
            }
        }
    }
}
