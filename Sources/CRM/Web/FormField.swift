/// Labelled form controls with their error shown right below, linked for screen readers.
/// `errorKey` is the field's name in error messages when it differs from the control's name
/// (`phones[0][value]` reports as `phones[0].value`, as the API does).
enum FormField {
    static func input(_ name: String, label: String, value: String? = "", type: String = "text",
                      errors: [String: String] = [:], errorKey: String? = nil, extra: [Attribute] = []) -> Node {
        let error = errors[errorKey ?? name]
        let id = identifier(name)
        return .div(.class("field")) {
            Node.label(.for(id)) { .text(label) }
            Node.void("input", [.type(type), .id(id), .name(name), .value(value ?? "")] + invalid(error, id) + extra)
            errorLine(error, id: id)
        }
    }

    static func textarea(_ name: String, label: String, value: String?, errors: [String: String] = [:], rows: Int = 3) -> Node {
        let error = errors[name]
        let id = identifier(name)
        return .div(.class("field")) {
            Node.label(.for(id)) { .text(label) }
            Node.element("textarea", [.id(id), .name(name), Attribute("rows", String(rows))] + invalid(error, id), [.text(value ?? "")])
            errorLine(error, id: id)
        }
    }

    static func select(_ name: String, label: String, options: [(value: String, label: String)], selected: String?,
                       errors: [String: String] = [:], errorKey: String? = nil, includeEmpty: Bool = false) -> Node {
        let error = errors[errorKey ?? name]
        let id = identifier(name)
        return .div(.class("field")) {
            Node.label(.for(id)) { .text(label) }
            Node.select(.id(id), .name(name), .when(error != nil, .aria("invalid", "true"))) {
                if includeEmpty { Node.option(.value("")) { "—" } }
                for option in options {
                    Node.option(.value(option.value), .when(option.value == selected, .selected)) { .text(option.label) }
                }
            }
            errorLine(error, id: id)
        }
    }

    static func checkbox(_ name: String, label: String, checked: Bool) -> Node {
        .label(.class("check")) {
            Node.input(.type("checkbox"), .name(name), .value("true"), .when(checked, .checked))
            Node.text(" " + label)
        }
    }

    /// Field errors that belong to no control on the form, so none is lost.
    static func otherErrors(_ errors: [String: String], shown: Set<String>) -> Node {
        let rest = errors.filter { !shown.contains($0.key) }.sorted { $0.key < $1.key }
        guard !rest.isEmpty else { return .empty }
        return .ul(.class("errors alert")) {
            for (field, reason) in rest { Node.li { "\(field) \(reason)" } }
        }
    }

    private static func identifier(_ name: String) -> String {
        "field-" + name.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "")
    }

    private static func invalid(_ error: String?, _ id: String) -> [Attribute] {
        error == nil ? [] : [.aria("invalid", "true"), .aria("describedby", id + "-error")]
    }

    private static func errorLine(_ error: String?, id: String) -> Node {
        guard let error else { return .empty }
        return .p(.class("field-error"), .id(id + "-error")) { .text(error) }
    }
}
