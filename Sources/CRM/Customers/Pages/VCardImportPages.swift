import CRMCore
import Vapor

/// vCard import in the browser: upload, see which cards are new, already here or in conflict, then create the new ones.
enum VCardImportPages {
    struct UploadForm: Content {
        var file: File?
        /// The file's text, carried from the preview to the confirmation.
        var text: String?
    }

    @Sendable static func form(_ request: Request) async throws -> Response {
        page(request, error: nil).response()
    }

    private static func page(_ request: Request, error: String?) -> Node {
        let context = PageContext(request)
        return Layout.page("Import contacts", context) {
            Node.h1 { "Import contacts from vCard" }
            Node.p(.class("muted")) { "A .vcf file exported from Outlook, Google Contacts or Apple Contacts (vCard 3.0 or 4.0). You see what it holds before anything is saved." }
            Node.form(.method("post"), .action(Site.contactImport()), Attribute("enctype", "multipart/form-data")) {
                context.csrfField
                Node.div(.class("field")) {
                    Node.label(.for("file")) { "vCard file" }
                    Node.void("input", [.type("file"), .id("file"), .name("file"), Attribute("accept", ".vcf,text/vcard")])
                    if let error { Node.p(.class("error")) { .text(error) } }
                }
                Node.button(.type("submit")) { "Preview" }
            }
        }
    }

    @Sendable static func preview(_ request: Request) async throws -> Response {
        let form = try request.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0, let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes) else {
            return page(request, error: "Choose a vCard file.").response(status: .unprocessableEntity)
        }
        let vcards = ContactVCards(db: request.db, defaultCountry: request.application.config.defaultCountry)
        let report: ContactVCards.Report
        do {
            report = try await vcards.importCards(text, actor: try request.user, now: request.now, dryRun: true)
        } catch let error as APIError where error.status == .unprocessableEntity {
            return page(request, error: error.fields.values.sorted().joined(separator: "; ")).response(status: .unprocessableEntity)
        }
        let context = PageContext(request)
        let fresh = report.items.filter { $0.status == "new" }.count
        return Layout.page("Import contacts", context) {
            Node.h1 { "Import contacts: preview" }
            Node.p { .text("\(report.items.count) cards: \(fresh) new, \(report.items.filter { $0.status == "matched" }.count) already here, \(report.items.filter { $0.status == "conflict" }.count) in conflict.") }
            Node.table {
                Node.thead { Node.tr { Node.th { "#" }; Node.th { "Name" }; Node.th { "Status" }; Node.th { "Differs in" } } }
                Node.tbody {
                    for item in report.items {
                        Node.tr {
                            Node.td(.class("num")) { .text(String(item.card)) }
                            Node.td {
                                if let id = item.contactId { Node.a(.href(Site.contact(id))) { .text(item.name) } } else { Node.text(item.name) }
                            }
                            Node.td { Node.span(.class(item.status == "conflict" ? "tag warn" : "tag")) { .text(label(item.status)) } }
                            Node.td { .text(item.differences.joined(separator: ", ")) }
                        }
                    }
                }
            }
            if fresh > 0 {
                Node.form(.method("post"), .action(Site.contactImportConfirm())) {
                    context.csrfField
                    Node.element("textarea", [.name("text"), Attribute("hidden", nil)], [.text(text)])
                    Node.button(.type("submit")) { .text("Create the \(fresh) new contact\(fresh == 1 ? "" : "s")") }
                }
            }
            Node.p(.class("muted")) { "Cards already here are left as they are; resolve conflicts on the contact's card." }
        }.response()
    }

    @Sendable static func confirm(_ request: Request) async throws -> Response {
        let text = try request.content.decode(UploadForm.self).text ?? ""
        let vcards = ContactVCards(db: request.db, defaultCountry: request.application.config.defaultCountry)
        do {
            let report = try await vcards.importCards(text, actor: try request.user, now: request.now, dryRun: false)
            return request.redirect(to: Site.contacts() + "?imported=\(report.created)")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return page(request, error: error.fields.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")).response(status: .unprocessableEntity)
        }
    }

    private static func label(_ status: String) -> String {
        switch status {
        case "new": "New"
        case "matched": "Already here"
        default: "Conflict"
        }
    }
}
