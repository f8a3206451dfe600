import CRMCore

enum HomePage {
    struct Model {
        let name: String
        let role: Role
        /// What the areas show the user first (`Contributions.homeTiles`).
        let tiles: [Node]
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        Layout.page("Home", context) {
            Node.h1 { "Welcome, \(model.name)" }
            if !model.tiles.isEmpty { Node.div(.class("tiles")) { model.tiles } }
            Node.div(.class("card")) {
                Node.p {
                    "You are signed in as "
                    Node.span(.class("tag")) { .text(model.role.label) }
                    "."
                }
                Node.ul {
                    Node.li { Node.a(.href(Site.lookup())) { "Caller lookup" }; " — who is calling, from any writing of their number." }
                    Node.li { Node.a(.href(Site.accounts())) { "Accounts" }; " and "; Node.a(.href(Site.contacts())) { "contacts" }; " — the customers everyone shares." }
                    Node.li { Node.a(.href(Site.board())) { "Pipeline" }; " and "; Node.a(.href(Site.forecast())) { "forecast" }; " — deals by stage and what they should bring." }
                    if model.role.canManageUsers {
                        Node.li { Node.a(.href(Site.users())) { "Manage users" }; " — accounts, roles, passwords; pipelines; audit log." }
                    }
                    Node.li { Node.a(.href(Site.settings())) { "Settings" }; " — your password and personal API tokens." }
                    Node.li { Node.a(.href("/api/v1/openapi.json")) { "API description (OpenAPI)" } }
                }
            }
        }
    }
}
