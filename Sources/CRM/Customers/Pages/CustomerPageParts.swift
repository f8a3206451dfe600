import CRMCore
import Foundation

/// Pieces shared by the account and contact pages.
enum CustomerPageParts {
    static let labelOptions = ContactPointLabel.allCases.map { (value: $0.rawValue, label: $0.rawValue.capitalized) }
    static let addressKindOptions = AddressKind.allCases.map { (value: $0.rawValue, label: $0.rawValue.capitalized) }

    /// Phone numbers as links a softphone can dial, emails as mail links.
    static func points(_ points: [ContactPointDTO], phone: Bool) -> Node {
        guard !points.isEmpty else { return .span(.class("muted")) { "—" } }
        return .ul(.class("plain")) {
            for point in points {
                Node.li {
                    Node.a(.href((phone ? "tel:" : "mailto:") + point.normalized)) { .text(point.value) }
                    Node.span(.class("muted")) { .text(" " + point.label) }
                }
            }
        }
    }

    static func tags(_ tags: [String], listPath: String) -> Node {
        .span(.class("tags")) {
            for tag in tags {
                Node.a(.href(listPath + "?tag=" + (tag.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? tag)), .class("tag")) { .text(tag) }
            }
        }
    }

    /// Editable rows for phones or emails: the existing ones plus empty ones to add.
    static func pointRows(_ field: String, _ points: [ContactPointInput]?, type: String, errors: [String: String]) -> Node {
        let rows = (points ?? []) + Array(repeating: ContactPointInput(label: nil, value: ""), count: 2)
        return .fieldset(.class("rows")) {
            Node.legend(field == "phones" ? "Phone numbers" : "Email addresses")
            for (index, point) in rows.enumerated() {
                Node.div(.class("row")) {
                    FormField.select("\(field)[\(index)][label]", label: "Kind", options: labelOptions,
                                     selected: point.label ?? ContactPointLabel.work.rawValue, errors: errors, errorKey: "\(field)[\(index)].label")
                    FormField.input("\(field)[\(index)][value]", label: field == "phones" ? "Number" : "Address", value: point.value,
                                    type: type, errors: errors, errorKey: "\(field)[\(index)].value")
                }
            }
        }
    }

    /// The list page's "next page" link, keeping the filters.
    static func nextLink(_ path: String, query: [String: String], nextCursor: String?) -> Node {
        guard let nextCursor else { return .empty }
        var items = query.filter { $0.key != "cursor" && !$0.value.isEmpty }.map { URLQueryItem(name: $0.key, value: $0.value) }
        items.append(URLQueryItem(name: "cursor", value: nextCursor))
        var components = URLComponents()
        components.path = path
        components.queryItems = items.sorted { $0.name < $1.name }
        return .p { Node.a(.href(components.string ?? path), .class("button secondary"), .init("rel", "next")) { "Next page →" } }
    }

    /// A yes/no page in front of an action that hides or destroys data.
    static func confirmation(title: String, question: String, explanation: String, action: String, button: String,
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

    static func datalist(_ id: String, _ values: [String]) -> Node {
        .el("datalist", [.id(id)]) {
            for value in values { Node.option(.value(value)) { .empty } }
        }
    }
}
