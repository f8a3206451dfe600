import Foundation

/// HTML mail read as plain text: scripts, styles and comments dropped, blocks and line breaks kept as lines,
/// entities decoded, runs of blank space collapsed. Enough to log what a customer wrote, not a renderer.
public enum HTMLText {
    public static func plain(_ html: String) -> String {
        var output = ""
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                let rest = html[index...]
                if rest.hasPrefix("<!--") {
                    index = rest.range(of: "-->")?.upperBound ?? html.endIndex
                    continue
                }
                guard let close = rest.firstIndex(of: ">") else { break }
                let tag = html[html.index(after: index)..<close].lowercased()
                let closing = tag.hasPrefix("/")
                let name = tag.dropFirst(closing ? 1 : 0).split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\n" || $0 == "\t" })
                    .first.map(String.init) ?? ""
                index = html.index(after: close)
                if !closing, name == "script" || name == "style" || name == "head" || name == "title" {
                    index = html[index...].range(of: "</" + name, options: .caseInsensitive)
                        .flatMap { html[$0.upperBound...].firstIndex(of: ">") }.map { html.index(after: $0) } ?? html.endIndex
                    continue
                }
                if blockTags.contains(name) { output += "\n" }
                if name == "li", !closing { output += "- " }
                continue
            }
            if character == "&", let semicolon = html[index...].prefix(10).firstIndex(of: ";"),
               let decoded = entity(String(html[html.index(after: index)..<semicolon])) {
                output.append(decoded)
                index = html.index(after: semicolon)
                continue
            }
            // Line breaks in the source are spaces in HTML.
            output.append(character == "\n" || character == "\r\n" || character == "\r" ? " " : character)
            index = html.index(after: index)
        }
        return tidy(output)
    }

    private static let blockTags: Set<String> = ["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "hr"]

    private static func entity(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        case "euro": return "€"
        case "copy": return "©"
        case "ndash": return "–"
        case "mdash": return "—"
        default:
            let number = name.hasPrefix("#x") || name.hasPrefix("#X") ? UInt32(name.dropFirst(2), radix: 16)
                : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
            return number.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }

    /// Spaces within a line collapse (HTML ignores them); blocks are lines, without blank lines between them.
    private static func tidy(_ text: String) -> String {
        var lines = [String]()
        for raw in text.replacingLineEnds().split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
            if line.isEmpty { continue }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
