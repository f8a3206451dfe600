import Foundation

/// The signed-in user's own settings: password, email signature and personal API tokens.
enum SettingsPage {
    struct TokenRow {
        let id: String
        let name: String
        let createdAt: Date?
        let lastUsedAt: Date?
    }

    struct Model {
        var email: String
        var timeZone: String
        var tokens: [TokenRow]
        var errors: [String: String] = [:]
        var tokenName = ""
        /// A token just created: the only time it is shown.
        var newToken: String? = nil
        var signature = ""
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        Layout.page("Settings", context) {
            Node.h1 { "Settings" }
            Node.section(.class("card")) {
                Node.h2 { "Password" }
                Node.p(.class("muted")) { "Signed in as \(model.email)." }
                Node.form(.method("post"), .action(Site.settingsPassword())) {
                    context.csrfField
                    FormField.input("currentPassword", label: "Current password", type: "password", errors: model.errors,
                                    extra: [.autocomplete("current-password"), .required])
                    FormField.input("newPassword", label: "New password (at least 10 characters)", type: "password", errors: model.errors,
                                    extra: [.autocomplete("new-password"), .required])
                    Node.button(.type("submit")) { "Change password" }
                }
            }
            Node.section(.class("card")) {
                Node.h2 { "Email signature" }
                Node.p(.class("muted")) { "Under the mail the CRM sends your customers for you, such as holiday greetings. Empty: your name." }
                Node.form(.method("post"), .action(Site.settingsSignature())) {
                    context.csrfField
                    FormField.textarea("signature", label: "Signature", value: model.signature, errors: model.errors, rows: 4)
                    Node.button(.type("submit")) { "Save signature" }
                }
            }
            Node.section(.class("card")) {
                Node.h2 { "API tokens" }
                Node.p(.class("muted")) { "A token lets a program use the API as you: send it as Authorization: Bearer <token>." }
                if let token = model.newToken {
                    Node.div(.class("notice"), .init("role", "status")) {
                        Node.p { "Your new token — copy it now, it will not be shown again:" }
                        Node.p { Node.span(.class("secret"), .id("new-token")) { .text(token) } }
                    }
                }
                if model.tokens.isEmpty {
                    Node.p { "You have no API tokens." }
                } else {
                    Node.table {
                        Node.thead { Node.tr { Node.th { "Name" }; Node.th { "Created" }; Node.th { "Last used" }; Node.th { "" } } }
                        Node.tbody {
                            for token in model.tokens {
                                Node.tr {
                                    Node.td { .text(token.name) }
                                    Node.td { DateText.node(token.createdAt, timeZone: model.timeZone) }
                                    Node.td { DateText.node(token.lastUsedAt, timeZone: model.timeZone) }
                                    Node.td {
                                        Node.form(.method("post"), .action(Site.settingsTokenRevoke(token.id))) {
                                            context.csrfField
                                            Node.button(.type("submit"), .class("danger")) { "Revoke" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                Node.form(.method("post"), .action(Site.settingsTokens())) {
                    context.csrfField
                    FormField.input("name", label: "New token's name (what will use it)", value: model.tokenName, errors: model.errors,
                                    extra: [.required, .placeholder("e.g. phone system")])
                    Node.button(.type("submit")) { "Create token" }
                }
            }
        }
    }
}
