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

    /// An account name field's attributes: names are offered while typing (`TypeAheadScript`, from `Site.accountSuggest`),
    /// and the name typed is what the form sends.
    static let accountPicker: [Attribute] = [Attribute("list", "account-names"), .data("suggest", Site.accountSuggest()), Attribute("autocomplete", "off")]

    /// The list the type-ahead fills.
    static let accountNames = Node.el("datalist", [.id("account-names")]) { Node.empty }
}
