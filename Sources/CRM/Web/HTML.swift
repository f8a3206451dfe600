/// A piece of an HTML page. Text and attribute values are always escaped, so data typed
/// by users can never become markup; only `trusted` inserts markup the code itself built.
public struct Node: Sendable, ExpressibleByStringInterpolation {
    fileprivate enum Kind: Sendable {
        case element(name: String, attributes: [Attribute], children: [Node])
        case void(name: String, attributes: [Attribute])
        case text(String)
        case trusted(String)
        case fragment([Node])
    }
    fileprivate let kind: Kind

    fileprivate init(_ kind: Kind) { self.kind = kind }
    public init(stringLiteral value: String) { kind = .text(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { kind = .text(String(stringInterpolation: stringInterpolation)) }

    public static func text(_ value: String) -> Node { Node(.text(value)) }
    /// Markup produced by the code (an SVG chart), never by user input.
    public static func trusted(_ markup: String) -> Node { Node(.trusted(markup)) }
    public static func fragment(_ nodes: [Node]) -> Node { Node(.fragment(nodes)) }
    public static let empty = Node(.fragment([]))

    public static func element(_ name: String, _ attributes: [Attribute], _ children: [Node]) -> Node {
        Node(.element(name: name, attributes: attributes, children: children))
    }

    public static func void(_ name: String, _ attributes: [Attribute]) -> Node {
        Node(.void(name: name, attributes: attributes))
    }

    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch kind {
        case let .element(name, attributes, children):
            out += "<" + name
            for attribute in attributes { attribute.render(into: &out) }
            out += ">"
            for child in children { child.render(into: &out) }
            out += "</" + name + ">"
        case let .void(name, attributes):
            out += "<" + name
            for attribute in attributes { attribute.render(into: &out) }
            out += ">"
        case let .text(value):
            out += HTMLEscaping.escape(value)
        case let .trusted(markup):
            out += markup
        case let .fragment(nodes):
            for node in nodes { node.render(into: &out) }
        }
    }
}

public struct Attribute: Sendable {
    let name: String
    /// `nil` renders a boolean attribute such as `required`.
    let value: String?

    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    func render(into out: inout String) {
        guard !name.isEmpty else { return }
        out += " " + name
        if let value { out += "=\"" + HTMLEscaping.escape(value) + "\"" }
    }
}

enum HTMLEscaping {
    /// Works on UTF-8 bytes: the five special characters are ASCII, and comparing `Character`s
    /// costs far more on pages with thousands of values (the board).
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return value }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

@resultBuilder
public enum NodeBuilder {
    public static func buildExpression(_ node: Node) -> [Node] { [node] }
    public static func buildExpression(_ nodes: [Node]) -> [Node] { nodes }
    public static func buildBlock(_ parts: [Node]...) -> [Node] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Node]?) -> [Node] { part ?? [] }
    public static func buildEither(first: [Node]) -> [Node] { first }
    public static func buildEither(second: [Node]) -> [Node] { second }
    public static func buildArray(_ parts: [[Node]]) -> [Node] { parts.flatMap { $0 } }
}
