import CRMCore
import Vapor

/// What every page needs besides its own data: who is signed in, the CSRF token for its forms, a notice to show.
struct PageContext: Sendable {
    let userName: String?
    let role: Role?
    let csrfToken: String
    let path: String
    var notice: String? = nil

    init(_ request: Request, notice: String? = nil) {
        let user = request.auth.get(User.self)
        userName = user?.name
        role = user?.role
        csrfToken = CSRF.token(for: request)
        path = request.url.path
        self.notice = notice
    }

    /// The hidden field every data-changing form carries.
    var csrfField: Node { .input(.type("hidden"), .name(CSRF.fieldName), .value(csrfToken)) }
}
