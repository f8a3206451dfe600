import CRMCore
import Fluent
import Vapor

/// The timeline on customer cards and as its own page with filters, and the unmatched-mail inbox.
enum TimelinePages {
    /// The newest entries, for a customer card.
    static func section(_ entries: [Timeline.Entry], fullPath: String, timeZone: String, capNotice: String? = nil, capPath: String? = nil) -> Node {
        .section(.class("card"), .id("timeline")) {
            Node.h2 { "Timeline" }
            if let capNotice { Node.p(.class("tag warn")) { .text(capNotice) } }
            if let capPath { Node.p { Node.a(.href(capPath)) { "This contact's contact-frequency rules" } } }
            list(entries, timeZone: timeZone)
            Node.p { Node.a(.href(fullPath)) { "Full timeline →" } }
        }
    }

    static func list(_ entries: [Timeline.Entry], timeZone: String) -> Node {
        if entries.isEmpty { return .p(.class("muted")) { "Nothing yet." } }
        return .ul(.class("timeline")) {
            for entry in entries {
                Node.li {
                    DateText.node(entry.occurredAt, timeZone: timeZone)
                    Node.span(.class("tag")) { .text(label(entry)) }
                    Node.text(" ")
                    if let link = link(entry) { Node.a(.href(link)) { .text(entry.title) } } else { Node.text(entry.title) }
                    if let user = entry.user { Node.span(.class("muted")) { .text(" — " + user.name) } }
                    if let summary = entry.summary, entry.type != "order" { Node.div(.class("muted prose")) { .text(summary) } }
                }
            }
        }
    }

    /// Interactions open in full; the other areas' entries where their source says.
    private static func link(_ entry: Timeline.Entry) -> String? {
        guard let source = source(of: entry) else { return Site.interaction(entry.id) }
        return source.page.map { $0(entry.id) }
    }

    private static func label(_ entry: Timeline.Entry) -> String {
        if let source = source(of: entry) { return source.label }
        return entry.type == "quote" ? "Quote" : [entry.direction?.capitalized, entry.type].compactMap { $0 }.joined(separator: " ")
    }

    private static func source(of entry: Timeline.Entry) -> TimelineSource? {
        Areas.contributions.timelineSources.first { $0.type == entry.type }
    }

    /// `/accounts/:accountID/timeline` and `/contacts/:contactID/timeline`, filtered by `?type=` and paged.
    @Sendable static func accountPage(_ request: Request) async throws -> Response {
        let id = try request.pathUUID("accountID")
        let account = try await CustomerDirectory(db: request.db).requireAccount(id)
        return try await page(request, subject: .account(id), name: account.name, path: Site.account(id), timelinePath: Site.accountTimeline(id))
    }

    @Sendable static func contactPage(_ request: Request) async throws -> Response {
        let id = try request.pathUUID("contactID")
        let contact = try await CustomerDirectory(db: request.db).requireContact(id)
        return try await page(request, subject: .contact(id), name: contact.name, path: Site.contact(id), timelinePath: Site.contactTimeline(id))
    }

    private static func page(_ request: Request, subject: CustomerSubject, name: String, path: String, timelinePath: String) async throws -> Response {
        let filter = try Timeline.Filter(request)
        let page = try await Timeline(request).page(of: subject, filter: filter, paging: try PageRequest(from: request))
        let chosen = filter.types.sorted().joined(separator: ",")
        let people = try await User.query(on: request.db).sort(\.$name).limit(500).all()
        let person = filter.userID?.uuidString ?? ""
        return Layout.page("Timeline: " + name, PageContext(request)) {
            Node.h1 { .text("Timeline: " + name) }
            Node.p { Node.a(.href(path)) { "← Back to the card" } }
            Node.form(.method("get"), .action(timelinePath), .class("filters")) {
                Node.label(.for("type")) { "Show" }
                Node.select(.name("type"), .id("type")) {
                    Node.option(.value(""), .when(chosen.isEmpty, .selected)) { "Everything" }
                    for type in Timeline.Filter.types {
                        Node.option(.value(type), .when(chosen == type, .selected)) { .text(type.capitalized) }
                    }
                }
                Node.label(.for("user")) { "By" }
                Node.select(.name("user"), .id("user")) {
                    Node.option(.value(""), .when(person.isEmpty, .selected)) { "Anyone" }
                    for user in people {
                        Node.option(.value(user.id!.uuidString), .when(person == user.id!.uuidString, .selected)) { .text(user.name) }
                    }
                }
                Node.button(.type("submit"), .class("secondary")) { "Filter" }
            }
            list(page.items, timeZone: request.userTimeZone)
            NextPageLink.node(timelinePath, query: ["type": chosen, "user": person], nextCursor: page.nextCursor)
        }.response()
    }

    /// Mail no contact matched, each with a form to file it under a contact by email address.
    @Sendable static func unmatched(_ request: Request) async throws -> Response {
        try await unmatchedPage(request, errors: [:]).response()
    }

    /// `errors` by email id, and by id + `-create` for the form that creates a contact.
    private static func unmatchedPage(_ request: Request, errors: [String: String], notice: String? = nil) async throws -> Node {
        let paging = try PageRequest(from: request)
        let fetched = try await Keyset.page(Interaction.query(on: request.db).filter(\.$isUnmatched == true), by: "occurred_at", descending: true,
                                            paging: paging).all()
        let (rows, next) = (fetched.prefix(paging.limit), Keyset.nextCursor(fetched, paging: paging))
        let timeZone = request.userTimeZone
        let context = PageContext(request, notice: notice)
        return Layout.page("Unmatched mail", context) {
            Node.h1 { "Unmatched mail" }
            Node.p(.class("muted")) { "Emails whose addresses match no contact. File each under a contact so it joins their timeline." }
            if rows.isEmpty { Node.p(.class("muted")) { "Nothing waiting." } }
            for mail in rows {
                Node.section(.class("card")) {
                    Node.h2 { .text(mail.subject ?? "(no subject)") }
                    Node.p {
                        DateText.node(mail.occurredAt, timeZone: timeZone)
                        Node.text(" from " + (mail.fromAddress ?? "?") + " to " + mail.recipients.joined(separator: ", "))
                    }
                    if let body = mail.body { Node.div(.class("prose")) { .text(String(body.prefix(600))) } }
                    Node.form(.method("post"), .action(Site.unmatchedAttach(mail.id!))) {
                        context.csrfField
                        Node.label(.for("email-\(mail.id!)")) { "Contact's email address" }
                        Node.input(.type("email"), .name("email"), .id("email-\(mail.id!)"), .value(mail.fromAddress ?? ""))
                        if let error = errors[mail.id!.uuidString] { Node.p(.class("error")) { .text(error) } }
                        Node.button(.type("submit")) { "File under this contact" }
                    }
                    Node.form(.method("post"), .action(Site.unmatchedCreateContact(mail.id!))) {
                        context.csrfField
                        Node.label(.for("name-\(mail.id!)")) { .text("Or create a contact for " + (mail.fromAddress ?? "the sender")) }
                        Node.input(.type("text"), .name("name"), .id("name-\(mail.id!)"), .placeholder("Full name"))
                        if let error = errors[mail.id!.uuidString + "-create"] { Node.p(.class("error")) { .text(error) } }
                        Node.button(.type("submit"), .class("secondary")) { "Create contact and file" }
                    }
                }
            }
            NextPageLink.node(Site.unmatchedMail(), query: [:], nextCursor: next)
        }
    }

    struct AttachForm: Content { var email: String? }
    struct CreateForm: Content { var name: String? }

    /// Creates a contact with the sender's address and files the email under it.
    @Sendable static func createContact(_ request: Request) async throws -> Response {
        let interaction = try await InteractionStore.load(try request.pathUUID("interactionID"), on: request.db)
        guard interaction.isUnmatched else {
            return try await unmatchedPage(request, errors: [interaction.id!.uuidString + "-create": "This email is already filed under a contact."])
                .response(status: .conflict)
        }
        let name = (try request.content.decode(CreateForm.self).name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            return try await unmatchedPage(request, errors: [interaction.id!.uuidString + "-create": "Give the new contact's name."])
                .response(status: .unprocessableEntity)
        }
        var input = ContactInput()
        input.displayName = name
        input.emails = interaction.fromAddress.map { [ContactPointInput(label: "work", value: $0)] }
        do {
            let contact = try await ContactStore(db: request.db, actor: try request.user, now: request.now,
                                                 defaultCountry: request.application.config.defaultCountry).create(input)
            try await MailIngest.attach(interaction, to: try await CustomerDirectory(db: request.db).requireContact(contact.requireID()),
                                        actor: try request.user, on: request.db)
            return request.redirect(to: Site.contact(try contact.requireID()) + "#timeline")
        } catch let error as APIError where error.status == .unprocessableEntity {
            let message = error.fields.map { ($0.key == "displayName" ? "Name" : $0.key) + " " + $0.value }.sorted().joined(separator: "; ")
            return try await unmatchedPage(request, errors: [interaction.id!.uuidString + "-create": message]).response(status: .unprocessableEntity)
        }
    }

    @Sendable static func attach(_ request: Request) async throws -> Response {
        let interaction = try await InteractionStore.load(try request.pathUUID("interactionID"), on: request.db)
        let address = (try request.content.decode(AttachForm.self).email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let owners = address.isEmpty ? [] : try await CustomerDirectory(db: request.db).owners(ofEmails: [address]).contacts
        guard let contact = owners.first else {
            let message = "No contact has the address \(address.isEmpty ? "(empty)" : address); add it to a contact first, or create the contact."
            return try await unmatchedPage(request, errors: [interaction.id!.uuidString: message]).response(status: .unprocessableEntity)
        }
        do {
            try await MailIngest.attach(interaction, to: contact, actor: try request.user, on: request.db)
        } catch let error as APIError where error.status == .forbidden || error.status == .conflict {
            return try await unmatchedPage(request, errors: [interaction.id!.uuidString: error.message]).response(status: error.status)
        }
        return request.redirect(to: Site.contact(contact.id) + "#timeline")
    }
}
