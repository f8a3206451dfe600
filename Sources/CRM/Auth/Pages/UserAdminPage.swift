import CRMCore
import Foundation

/// The admin's list of users with a form to add one and per-row actions.
enum UserAdminPage {
    struct Row {
        let id: String
        let name: String
        let email: String
        let role: Role
        let isDisabled: Bool
        let isSelf: Bool
    }

    struct Model {
        var rows: [Row]
        var form = UserDirectory.NewUser(email: "", name: "", role: Role.sales.rawValue)
        var errors: [String: String] = [:]
        /// After creating a user or resetting a password: the one time it is shown.
        var revealed: (email: String, password: String)? = nil
    }

    static let roleOptions = Role.allCases.map { (value: $0.rawValue, label: $0.label) }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        Layout.page("Users", context) {
            Node.div(.class("title-row")) {
                Node.h1 { "Users" }
                Node.a(.href(Site.pipelines()), .class("button secondary")) { "Pipelines" }
                Node.a(.href(Site.auditLog()), .class("button secondary")) { "Audit log" }
            }
            if let revealed = model.revealed {
                Node.div(.class("card"), .init("role", "status")) {
                    Node.p { "New password for \(revealed.email) — shown only now; hand it over in person or by a safe channel:" }
                    Node.p { Node.span(.class("secret"), .id("revealed-password")) { .text(revealed.password) } }
                }
            }
            Node.table {
                Node.thead {
                    Node.tr {
                        Node.th { "Name" }
                        Node.th { "Email" }
                        Node.th { "Role" }
                        Node.th { "Status" }
                        Node.th { "Password" }
                    }
                }
                Node.tbody {
                    for row in model.rows { rowNode(row, context) }
                }
            }
            Node.section(.class("card")) {
                Node.h2 { "Add a user" }
                Node.form(.method("post"), .action(Site.users())) {
                    context.csrfField
                    FormField.input("name", label: "Name", value: model.form.name, errors: model.errors, extra: [.required])
                    FormField.input("email", label: "Email", value: model.form.email, type: "email", errors: model.errors, extra: [.required])
                    FormField.select("role", label: "Role", options: roleOptions, selected: model.form.role, errors: model.errors)
                    FormField.input("timeZone", label: "Time zone", value: model.form.timeZone, errors: model.errors)
                    Node.button(.type("submit")) { "Create user" }
                }
            }
        }
    }

    private static func rowNode(_ row: Row, _ context: PageContext) -> Node {
        .tr(.data("user", row.email)) {
            Node.td { .text(row.name) }
            Node.td { .text(row.email) }
            Node.td {
                Node.form(.method("post"), .action(Site.userRole(row.id))) {
                    context.csrfField
                    Node.select(.name("role"), .aria("label", "Role of \(row.name)"), .when(row.isSelf, .disabled)) {
                        for option in roleOptions {
                            Node.option(.value(option.value), .when(option.value == row.role.rawValue, .selected)) { .text(option.label) }
                        }
                    }
                    if !row.isSelf { Node.button(.type("submit"), .class("secondary")) { "Change" } }
                }
            }
            Node.td {
                if row.isSelf {
                    Node.span(.class("muted")) { "You" }
                } else {
                    Node.form(.method("post"), .action((row.isDisabled ? Site.userEnable : Site.userDisable)(row.id))) {
                        context.csrfField
                        Node.span { .text(row.isDisabled ? "Disabled" : "Active") }
                        Node.button(.type("submit"), .class(row.isDisabled ? "secondary" : "danger")) { .text(row.isDisabled ? "Enable" : "Disable") }
                    }
                }
            }
            Node.td {
                Node.form(.method("post"), .action(Site.userResetPassword(row.id))) {
                    context.csrfField
                    Node.button(.type("submit"), .class("secondary")) { "Reset" }
                }
            }
        }
    }
}
