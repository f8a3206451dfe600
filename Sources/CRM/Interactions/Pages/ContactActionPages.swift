import CRMCore
import Fluent
import Vapor

/// From the contact card: write an email; and the outbox of outgoing email.
enum ContactActionPages {
    struct EmailForm: Content {
        var subject: String?
        var body: String?
        var capReason: String?
    }

    @Sendable static func compose(_ request: Request) async throws -> Response {
        let contact = try await CustomerDirectory(db: request.db).requireContact(try request.pathUUID("contactID"))
        return try await composePage(request, contact: contact, form: EmailForm(), errors: [:]).response()
    }

    @Sendable static func send(_ request: Request) async throws -> Response {
        let contact = try await CustomerDirectory(db: request.db).requireContact(try request.pathUUID("contactID"))
        let form = try request.content.decode(EmailForm.self)
        do {
            let input = MailDelivery.SendInput(subject: form.subject, body: form.body, capReason: form.capReason)
            let (_, mail) = try await MailDelivery(request).send(to: contact, input, actor: try request.user)
            return request.redirect(to: mail.status == "sent" ? Site.contact(contact.id) + "#timeline" : Site.outbox())
        } catch let error as APIError where error.status == .unprocessableEntity || error.status == .conflict {
            let errors = error.fields.isEmpty ? ["body": error.message] : error.fields
            return try await composePage(request, contact: contact, form: form, errors: errors).response(status: error.status)
        }
    }

    private static func composePage(_ request: Request, contact: CustomerDirectory.ContactFacts, form: EmailForm, errors: [String: String]) async throws -> Node {
        let context = PageContext(request)
        let cap = try await ContactCapCheck(db: request.db, now: request.now).status(of: contact.id, channel: .email)
        return Layout.page("Email " + contact.name, context) {
            Node.h1 { .text("Email " + contact.name) }
            if let rule = cap.reachedRule {
                Node.p(.class("tag warn")) { .text("Contact-frequency cap reached: \(cap.count) outbound contacts (\(rule.description)). Say why below.") }
            }
            if let error = errors["to"] { Node.p(.class("error")) { .text(error) } }
            Node.form(.method("post"), .action(Site.contactEmail(contact.id)), .class("record")) {
                context.csrfField
                FormField.input("subject", label: "Subject", value: form.subject, errors: errors)
                FormField.textarea("body", label: "Message", value: form.body, errors: errors, rows: 10)
                if cap.isReached || errors["capReason"] != nil {
                    FormField.input("capReason", label: "Why contact them again now", value: form.capReason, errors: errors)
                }
                Node.button(.type("submit")) { "Send" }
            }
        }
    }

    @Sendable static func outbox(_ request: Request) async throws -> Response {
        let rows = try await MailDelivery(request).outbox(for: try request.user)
        let timeZone = request.userTimeZone
        let context = PageContext(request)
        return Layout.page("Outgoing mail", context) {
            Node.h1 { "Outgoing mail" }
            Node.p(.class("muted")) { "Failed deliveries are retried after 1, 5, 30 minutes and 2, 6 and 12 hours; then they are marked failed." }
            Node.table {
                Node.thead { Node.tr { Node.th { "Created" }; Node.th { "To" }; Node.th { "Subject" }; Node.th { "Status" }; Node.th { "Last error" }; Node.th { "" } } }
                Node.tbody {
                    for mail in rows {
                        Node.tr {
                            Node.td { DateText.node(mail.createdAt, timeZone: timeZone) }
                            Node.td { .text(mail.recipients.joined(separator: ", ")) }
                            Node.td { .text(mail.subject ?? mail.interaction?.subject ?? "") }
                            Node.td { Node.span(.class(mail.status == "failed" ? "tag warn" : "tag")) { .text(mail.status + " (\(mail.attempts) attempt\(mail.attempts == 1 ? "" : "s"))") } }
                            Node.td { .text(mail.lastError ?? "") }
                            Node.td {
                                if mail.status != "sent" {
                                    Node.form(.method("post"), .action(Site.outboxRetry(mail.id!))) {
                                        context.csrfField
                                        Node.button(.type("submit"), .class("secondary")) { "Retry now" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }.response()
    }

    @Sendable static func retry(_ request: Request) async throws -> Response {
        do {
            _ = try await MailDelivery(request).retryNow(try request.pathUUID("mailID"), actor: try request.user)
        } catch let error as APIError where error.status == .conflict {
            // Delivered meanwhile (a second click, or the retry loop): the outbox shows it as sent.
        }
        return request.redirect(to: Site.outbox())
    }
}
