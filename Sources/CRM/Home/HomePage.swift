import CRMCore

enum HomePage {
    struct Model {
        let name: String
        let role: Role
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        Layout.page("Home", context) {
            Node.h1 { "Welcome, \(model.name)" }
            Node.div(.class("card")) {
                Node.p {
                    "You are signed in as "
                    Node.span(.class("tag")) { .text(model.role.label) }
                    "."
                }
                Node.ul {
                    if model.role.canManageUsers {
                        Node.li {
                            Node.a(.href("/admin/users")) { "Manage users" }
                            " — create accounts, change roles, reset passwords."
                        }
                    }
                    Node.li {
                        Node.a(.href("/settings")) { "Settings" }
                        " — your password and personal API tokens."
                    }
                    Node.li { Node.a(.href("/api/v1/openapi.json")) { "API description (OpenAPI)" } }
                }
            }
        }
    }
}
