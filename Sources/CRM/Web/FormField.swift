/// A labelled form control with its error shown right below it, linked for screen readers.
enum FormField {
    static func input(_ name: String, label: String, value: String = "", type: String = "text",
                      errors: [String: String] = [:], extra: [Attribute] = []) -> Node {
        let error = errors[name]
        let id = "field-" + name
        return .div(.class("field")) {
            Node.label(.for(id)) { .text(label) }
            Node.void("input", [.type(type), .id(id), .name(name), .value(value),
                                .when(error != nil, .aria("invalid", "true")),
                                .when(error != nil, .aria("describedby", id + "-error"))] + extra)
            errorLine(error, id: id)
        }
    }

    static func select(_ name: String, label: String, options: [(value: String, label: String)], selected: String,
                       errors: [String: String] = [:]) -> Node {
        let error = errors[name]
        let id = "field-" + name
        return .div(.class("field")) {
            Node.label(.for(id)) { .text(label) }
            Node.select(.id(id), .name(name), .when(error != nil, .aria("invalid", "true"))) {
                for option in options {
                    Node.option(.value(option.value), .when(option.value == selected, .selected)) { .text(option.label) }
                }
            }
            errorLine(error, id: id)
        }
    }

    private static func errorLine(_ error: String?, id: String) -> Node {
        guard let error else { return .empty }
        return .p(.class("field-error"), .id(id + "-error")) { .text(error) }
    }
}
