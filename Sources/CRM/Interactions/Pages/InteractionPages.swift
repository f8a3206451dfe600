import CRMCore
import Fluent
import Vapor

/// One interaction in full: its text, quote lines, attachments and earlier texts, and the form to correct it.
enum InteractionPages {
    struct EditForm: Content {
        var subject: String?
        var body: String?
        var outcome: String?
        var sentiment: String?
        var followUpOn: String?
        var version: Int?
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let interaction = try await InteractionStore.load(try request.pathUUID("interactionID"), on: request.db)
        return try await page(request, interaction, form: nil, errors: [:]).response()
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let interaction = try await InteractionStore.load(try request.pathUUID("interactionID"), on: request.db)
        let form = try request.content.decode(EditForm.self)
        let input = InteractionEditInput(subject: form.subject ?? "", body: form.body ?? "", outcome: form.outcome ?? "",
                                         sentiment: form.sentiment ?? "", followUpOn: form.followUpOn ?? "")
        do {
            try await InteractionStore(request).edit(interaction, with: input, expectedVersion: form.version ?? interaction.version)
            return request.redirect(to: Site.interaction(interaction.id!))
        } catch let error as APIError where error.status == .unprocessableEntity || error.status == .conflict {
            // A stale version (someone corrected it meanwhile) is told above the text; field errors beside their fields.
            let errors = error.status == .conflict ? ["body": error.message] : error.fields
            return try await page(request, interaction, form: form, errors: errors).response(status: error.status)
        }
    }

    private static func page(_ request: Request, _ interaction: Interaction, form: EditForm?, errors: [String: String]) async throws -> Node {
        let context = PageContext(request)
        let timeZone = request.userTimeZone
        let canEdit = try InteractionStore(request).canEdit(interaction)
        let edits = try await InteractionEdit.query(on: request.db).filter(\.$interaction.$id == interaction.requireID()).with(\.$editedBy)
            .sort(\.$editedAt, .descending).all()
        let title = Timeline.title(interaction)
        let names = try await InteractionDTO.names(of: [interaction], on: request.db)
        return Layout.page(title, context) {
            Node.h1 { .text(title) }
            Node.p(.class("subtitle")) {
                DateText.node(interaction.occurredAt, timeZone: timeZone)
                Node.text(" · " + [interaction.direction?.capitalized, interaction.kind].compactMap { $0 }.joined(separator: " "))
                if let user = interaction.user { Node.text(" · " + user.name) }
                if let accountID = interaction.accountID {
                    Node.text(" · ")
                    Node.a(.href(Site.account(accountID))) { .text(names.account(accountID).name) }
                }
                for link in interaction.contacts {
                    Node.text(" · ")
                    Node.a(.href(Site.contact(link.contactID))) { .text(names.contact(link.contactID)) }
                }
            }
            Node.section(.class("card")) {
                Node.dl {
                    if let from = interaction.fromAddress { Node.dt { "From" }; Node.dd { .text(from) } }
                    if !interaction.recipients.isEmpty { Node.dt { "To" }; Node.dd { .text(interaction.recipients.joined(separator: ", ")) } }
                    if let outcome = interaction.outcome { Node.dt { "Outcome" }; Node.dd { .text(outcome) } }
                    if let sentiment = interaction.sentiment { Node.dt { "Sentiment" }; Node.dd { .text(sentiment.capitalized) } }
                    if let followUp = interaction.followUpOn { Node.dt { "Follow up on" }; Node.dd { .text(followUp) } }
                    if let reason = interaction.deviationReason { Node.dt { "Why the price differs" }; Node.dd { .text(reason) } }
                    if let reason = interaction.capReason { Node.dt { "Why past the contact cap" }; Node.dd { .text(reason) } }
                    for file in interaction.attachments {
                        Node.dt { "Attachment" }
                        Node.dd { .text("\(file.fileName) (\(file.contentType), \(file.size) bytes)") }
                    }
                }
                if let body = interaction.body { Node.div(.class("prose")) { .text(body) } }
            }
            if !interaction.lines.isEmpty {
                Node.section(.class("card")) {
                    Node.h2 { .text("Quote in " + (interaction.currency ?? "") + (interaction.validUntil.map { ", valid until " + $0 } ?? "")) }
                    Node.table {
                        Node.thead { Node.tr { Node.th { "Item" }; Node.th { "Quantity" }; Node.th { "Unit price" }; Node.th { "Discount" }; Node.th { "Net unit price" } } }
                        Node.tbody {
                            for line in interaction.lines.sorted(by: { $0.position < $1.position }) {
                                Node.tr {
                                    Node.td { .text(line.description) }
                                    Node.td(.class("num")) { .text(String(line.quantity)) }
                                    Node.td(.class("num")) { .text(MinorUnits.grouped(line.unitPriceMinor, currency: line.currency)) }
                                    Node.td(.class("num")) { .text(MinorUnits.plain(Int64(line.discountBasisPoints), decimals: 2) + " %") }
                                    Node.td(.class("num")) { .text(MinorUnits.grouped(line.netUnitMinor, currency: line.currency)) }
                                }
                            }
                        }
                    }
                    if let terms = interaction.terms { Node.p { .text("Terms: " + terms) } }
                }
            }
            if canEdit {
                Node.section(.class("card")) {
                    Node.h2 { "Correct" }
                    Node.p(.class("muted")) { "The text before your correction stays in the history below." }
                    Node.form(.method("post"), .action(Site.interaction(interaction.id!)), .class("record")) {
                        context.csrfField
                        Node.input(.type("hidden"), .name("version"), .value(String(form?.version ?? interaction.version)))
                        FormField.input("subject", label: "Subject", value: form?.subject ?? interaction.subject, errors: errors)
                        FormField.textarea("body", label: "What was said", value: form?.body ?? interaction.body, errors: errors, rows: 6)
                        FormField.input("outcome", label: "Outcome", value: form?.outcome ?? interaction.outcome, errors: errors)
                        FormField.select("sentiment", label: "Sentiment", options: Sentiment.allCases.map { ($0.rawValue, $0.rawValue.capitalized) },
                                         selected: form?.sentiment ?? interaction.sentiment, errors: errors, includeEmpty: true)
                        FormField.input("followUpOn", label: "Follow up on", value: form?.followUpOn ?? interaction.followUpOn, type: "date", errors: errors)
                        Node.button(.type("submit")) { "Save correction" }
                    }
                }
            }
            if !edits.isEmpty {
                Node.section(.class("card")) {
                    Node.h2 { "Earlier texts" }
                    Node.ul(.class("timeline")) {
                        for edit in edits {
                            Node.li {
                                DateText.node(edit.editedAt, timeZone: timeZone)
                                Node.text(" — changed by " + (edit.editedBy?.name ?? "a former user") + ". Before: ")
                                Node.span(.class("prose")) {
                                    .text([edit.previous.subject, edit.previous.body, edit.previous.outcome.map { "Outcome: " + $0 }].compactMap { $0 }.joined(separator: " · "))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
