/// The sign-in form; `message` explains a failed attempt without saying whether the account exists.
enum SignInPage {
    struct Model {
        var email = ""
        var next = ""
        var message: String?
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        Layout.page("Sign in", context) {
            Node.div(.class("card narrow")) {
                Node.h1 { "Sign in" }
                if let message = model.message {
                    Node.p(.class("alert"), .init("role", "alert")) { .text(message) }
                }
                Node.form(.method("post"), .action(Site.signIn())) {
                    context.csrfField
                    Node.input(.type("hidden"), .name("next"), .value(model.next))
                    FormField.input("email", label: "Email", value: model.email, type: "email",
                                    extra: [.autocomplete("username"), .required, .autofocus])
                    FormField.input("password", label: "Password", type: "password",
                                    extra: [.autocomplete("current-password"), .required])
                    Node.button(.type("submit")) { "Sign in" }
                }
            }
        }
    }
}
