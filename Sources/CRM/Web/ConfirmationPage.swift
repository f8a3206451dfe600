import Foundation

/// A yes/no page in front of an action that hides or destroys data.
enum ConfirmationPage {
    static func node(title: String, question: String, explanation: String, action: String, button: String,
                     danger: Bool, cancel: String, _ context: PageContext) -> Node {
        Layout.page(title, context) {
            Node.div(.class("card narrow")) {
                Node.h1 { .text(question) }
                Node.p { .text(explanation) }
                Node.form(.method("post"), .action(action)) {
                    context.csrfField
                    Node.button(.type("submit"), .class(danger ? "danger" : "")) { .text(button) }
                    Node.a(.href(cancel), .class("button secondary")) { "Cancel" }
                }
            }
        }
    }
}
