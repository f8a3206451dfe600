// The elements the pages use, as `Node` members so that `.div { … }` reads like the markup.
extension Node {
    public static func el(_ name: String, _ attributes: [Attribute] = [], @NodeBuilder _ content: () -> [Node] = { [] }) -> Node {
        .element(name, attributes, content())
    }

    public static func html(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("html", a, c) }
    public static func head(@NodeBuilder _ c: () -> [Node]) -> Node { el("head", [], c) }
    public static func body(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("body", a, c) }
    public static func title(_ text: String) -> Node { el("title") { .text(text) } }
    public static func meta(_ a: Attribute...) -> Node { .void("meta", a) }
    public static func link(_ a: Attribute...) -> Node { .void("link", a) }
    public static func script(_ a: Attribute...) -> Node { .element("script", a, []) }
    public static func header(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("header", a, c) }
    public static func nav(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("nav", a, c) }
    public static func main(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("main", a, c) }
    public static func footer(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("footer", a, c) }
    public static func section(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("section", a, c) }
    public static func div(_ a: Attribute..., @NodeBuilder content c: () -> [Node] = { [] }) -> Node { el("div", a, c) }
    public static func span(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("span", a, c) }
    public static func p(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("p", a, c) }
    public static func a(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("a", a, c) }
    public static func h1(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("h1", a, c) }
    public static func h2(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("h2", a, c) }
    public static func h3(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("h3", a, c) }
    public static func ul(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("ul", a, c) }
    public static func ol(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("ol", a, c) }
    public static func li(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("li", a, c) }
    public static func dl(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("dl", a, c) }
    public static func dt(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("dt", a, c) }
    public static func dd(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("dd", a, c) }
    public static func table(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("table", a, c) }
    public static func thead(@NodeBuilder _ c: () -> [Node]) -> Node { el("thead", [], c) }
    public static func tbody(@NodeBuilder _ c: () -> [Node]) -> Node { el("tbody", [], c) }
    public static func tr(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("tr", a, c) }
    public static func th(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("th", a, c) }
    public static func td(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("td", a, c) }
    public static func form(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("form", a, c) }
    public static func fieldset(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("fieldset", a, c) }
    public static func legend(_ text: String) -> Node { el("legend") { .text(text) } }
    public static func label(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("label", a, c) }
    public static func input(_ a: Attribute...) -> Node { .void("input", a) }
    public static func select(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("select", a, c) }
    public static func option(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("option", a, c) }
    public static func textarea(_ a: Attribute..., text: String) -> Node { el("textarea", a) { .text(text) } }
    public static func button(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("button", a, c) }
    public static func strong(@NodeBuilder _ c: () -> [Node]) -> Node { el("strong", [], c) }
    public static func small(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("small", a, c) }
    public static func details(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("details", a, c) }
    public static func summary(@NodeBuilder _ c: () -> [Node]) -> Node { el("summary", [], c) }
    public static func pre(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("pre", a, c) }
    public static func code(@NodeBuilder _ c: () -> [Node]) -> Node { el("code", [], c) }
    public static func time(_ a: Attribute..., @NodeBuilder content c: () -> [Node]) -> Node { el("time", a, c) }
}

extension Attribute {
    public static func `class`(_ v: String) -> Attribute { .init("class", v) }
    public static func id(_ v: String) -> Attribute { .init("id", v) }
    public static func href(_ v: String) -> Attribute { .init("href", v) }
    public static func rel(_ v: String) -> Attribute { .init("rel", v) }
    public static func name(_ v: String) -> Attribute { .init("name", v) }
    public static func value(_ v: String) -> Attribute { .init("value", v) }
    public static func type(_ v: String) -> Attribute { .init("type", v) }
    public static func action(_ v: String) -> Attribute { .init("action", v) }
    public static func method(_ v: String) -> Attribute { .init("method", v) }
    public static func `for`(_ v: String) -> Attribute { .init("for", v) }
    public static func placeholder(_ v: String) -> Attribute { .init("placeholder", v) }
    public static func autocomplete(_ v: String) -> Attribute { .init("autocomplete", v) }
    public static func content(_ v: String) -> Attribute { .init("content", v) }
    public static func lang(_ v: String) -> Attribute { .init("lang", v) }
    public static func src(_ v: String) -> Attribute { .init("src", v) }
    public static func datetime(_ v: String) -> Attribute { .init("datetime", v) }
    public static func aria(_ name: String, _ v: String) -> Attribute { .init("aria-" + name, v) }
    public static func data(_ name: String, _ v: String) -> Attribute { .init("data-" + name, v) }
    public static func title(_ v: String) -> Attribute { .init("title", v) }
    public static let required = Attribute("required", nil)
    public static let autofocus = Attribute("autofocus", nil)
    public static let selected = Attribute("selected", nil)
    public static let checked = Attribute("checked", nil)
    public static let disabled = Attribute("disabled", nil)
    public static let readonly = Attribute("readonly", nil)

    /// Lets a condition decide whether a boolean attribute is present.
    public static func when(_ condition: Bool, _ attribute: Attribute) -> Attribute {
        condition ? attribute : Attribute("", nil)
    }
}
