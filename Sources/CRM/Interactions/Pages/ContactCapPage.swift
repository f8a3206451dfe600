import CRMCore
import Vapor

/// `/admin/contact-cap`: the general contact-frequency rules, for admins; `/contacts/{id}/contact-cap`: a contact's
/// own rules, which replace the general ones for them, for managers and admins.
enum ContactCapPage {
    struct RuleForm: Content {
        var maxContacts: String?
        var days: String?
        var channel: String?
    }

    struct Form: Content { var rules: [RuleForm]? }

    static let rows = 4

    @Sendable static func show(_ request: Request) async throws -> Response {
        let scope = try await Scope(request)
        let rules = try await ContactCapRules.list(of: scope.contact?.id, on: request.db)
        let form = rules.map { RuleForm(maxContacts: String($0.maxContacts), days: String($0.days), channel: $0.channel ?? "") }
        return page(request, scope: scope, form: form, errors: [:], notice: nil).response()
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let scope = try await Scope(request)
        let form = try request.content.decode(Form.self).rules ?? []
        var errors = [String: String]()
        var rules = [ContactCapRules.Rule]()
        for row in form {
            let max = row.maxContacts?.trimmingCharacters(in: .whitespaces) ?? "", days = row.days?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !max.isEmpty || !days.isEmpty else { continue }
            let index = rules.count
            if Int(max) == nil { errors["[\(index)].maxContacts"] = "must be a whole number" }
            if Int(days) == nil { errors["[\(index)].days"] = "must be a whole number of days" }
            rules.append(.init(maxContacts: Int(max) ?? -1, days: Int(days) ?? 0, channel: row.channel.flatMap { $0.isEmpty ? nil : $0 }))
        }
        do {
            guard errors.isEmpty else { throw APIError.invalid(errors) }
            try await ContactCapRules.replace(rules, of: scope.contact?.id, on: request.db)
            return page(request, scope: scope, form: form, errors: [:], notice: "Saved.").response()
        } catch let error as APIError where error.status == .unprocessableEntity {
            return page(request, scope: scope, form: form, errors: errors.merging(error.fields) { first, _ in first }, notice: nil)
                .response(status: .unprocessableEntity)
        }
    }

    /// Whose rules: everyone's (admins) or one contact's (managers and admins).
    struct Scope {
        let contact: CustomerDirectory.ContactFacts?

        init(_ request: Request) async throws {
            guard let id = request.parameters.get("contactID") else {
                _ = try request.requireRole(\.canSetContactCap)
                contact = nil
                return
            }
            _ = try request.requireRole(\.canSetContactRules)
            guard let uuid = UUID(uuidString: id), let found = try await CustomerDirectory(db: request.db).contact(uuid) else { throw APIError.notFound("This contact") }
            contact = found
        }

        var action: String { contact.map { Site.contactCap($0.id) } ?? Site.contactCapRules() }
        var title: String { contact.map { "Contact-frequency cap for " + $0.name } ?? "Contact-frequency cap" }
    }

    private static func page(_ request: Request, scope: Scope, form: [RuleForm], errors: [String: String], notice: String?) -> Node {
        let context = PageContext(request, notice: notice)
        let channels = [("", "Every channel")] + InteractionKind.allCases.filter(\.reachesCustomer).map { ($0.rawValue, $0.rawValue.capitalized) }
        return Layout.page(scope.title, context) {
            Node.h1 { .text(scope.title) }
            Node.p(.class("muted")) {
                .text(scope.contact == nil
                    ? "At most so many outbound contacts per customer in so many days. Past it, people give a reason; automated mail never passes it. A contact's own rules replace these."
                    : "Rules for this contact only; they replace the general ones. Leave every row empty to go back to the general rules.")
            }
            Node.form(.method("post"), .action(scope.action), .class("record")) {
                context.csrfField
                Node.table {
                    Node.thead { Node.tr { Node.th { "At most" }; Node.th { "In days" }; Node.th { "Counting" } } }
                    Node.tbody {
                        for index in 0..<max(rows, form.count) {
                            let row = index < form.count ? form[index] : RuleForm()
                            Node.tr {
                                Node.td {
                                    Node.void("input", [.type("text"), .name("rules[\(index)][maxContacts]"), .value(row.maxContacts ?? ""), .aria("label", "At most, rule \(index + 1)")])
                                    if let error = errors["[\(index)].maxContacts"] { Node.p(.class("error")) { .text(error) } }
                                }
                                Node.td {
                                    Node.void("input", [.type("text"), .name("rules[\(index)][days]"), .value(row.days ?? ""), .aria("label", "Days, rule \(index + 1)")])
                                    if let error = errors["[\(index)].days"] { Node.p(.class("error")) { .text(error) } }
                                }
                                Node.td {
                                    Node.select(.name("rules[\(index)][channel]"), .aria("label", "Channel, rule \(index + 1)")) {
                                        for (value, label) in channels {
                                            Node.option(.value(value), .when((row.channel ?? "") == value, .selected)) { .text(label) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                Node.p(.class("muted")) { "Leave a row empty to remove it." }
                Node.button(.type("submit")) { "Save" }
            }
        }
    }
}
