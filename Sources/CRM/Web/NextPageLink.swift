import Foundation

/// The "next page" link under a paged list: the same page and filters, with the cursor the list handed out.
enum NextPageLink {
    static func node(_ path: String, query: [String: String], nextCursor: String?) -> Node {
        guard let nextCursor else { return .empty }
        var query = query
        query["cursor"] = nextCursor
        return .p { Node.a(.href(path + "?" + QueryString.encode(query)), .class("button secondary"), .init("rel", "next")) { "Next page →" } }
    }
}
