import Vapor

/// The browser session: which user is signed in and the CSRF token of their forms.
enum WebSession {
    static let cookieName = "crm_session"
    static let userKey = "user_id"
    static let csrfKey = "csrf"

    static func configuration(secure: Bool) -> SessionsConfiguration {
        SessionsConfiguration(cookieName: cookieName) { id in
            HTTPCookies.Value(
                string: id.string,
                maxAge: 60 * 60 * 12,
                path: "/",
                isSecure: secure,
                isHTTPOnly: true,
                sameSite: .lax
            )
        }
    }

    /// A new session id on sign-in and sign-out, so an id planted before sign-in is worthless after it.
    static func renew(_ request: Request) async throws {
        if let old = request.session.id {
            try await request.application.sessions.driver.deleteSession(old, for: request).get()
        }
        request.session.id = nil
        request.session.data = SessionData()
        request.session.data[csrfKey] = CSRF.newToken()
    }
}
