import CRMCore
import Vapor

/// What every page needs besides its own data: who is signed in, the CSRF token for its forms, a notice to show.
struct PageContext: Sendable {
    let userName: String?
    /// The signed-in user's id, to preselect them as owner.
    let userID: String?
    let role: Role?
    let csrfToken: String
    let path: String
    var notice: String? = nil

    /// `startSession` is for pages with a form shown before sign-in; other pages never create a session,
    /// so error pages and stray visitors leave nothing behind.
    init(_ request: Request, notice: String? = nil, startSession: Bool = false) {
        let user = request.auth.get(User.self)
        userName = user?.name
        userID = user?.id?.uuidString
        role = user?.role
        csrfToken = request.hasSession || startSession ? CSRF.token(for: request) : ""
        path = request.url.path
        self.notice = notice
    }

    /// A context without a request, for rendering pages in benchmarks.
    init(userName: String, role: Role, path: String) {
        self.userName = userName
        userID = nil
        self.role = role
        csrfToken = "benchmark"
        self.path = path
    }

    /// The hidden field every data-changing form carries.
    var csrfField: Node { .input(.type("hidden"), .name(CSRF.fieldName), .value(csrfToken)) }
}
