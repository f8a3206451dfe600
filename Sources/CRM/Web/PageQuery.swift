import Vapor

extension Request {
    /// The page's query string as a dictionary, to keep filters in links.
    var pageQuery: [String: String] { (try? query.decode([String: String].self)) ?? [:] }
}
