/// One figure a manager reads at a glance on a report page: a title, the figure, and a line that explains it.
enum FigureTile {
    static func render(_ title: String, _ value: String, _ note: String) -> Node {
        .div(.class("tile card")) {
            Node.div(.class("muted")) { .text(title) }
            Node.div(.class("figure")) { .text(value) }
            Node.small(.class("muted")) { .text(note) }
        }
    }
}
