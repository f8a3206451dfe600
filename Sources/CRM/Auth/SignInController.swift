import CRMCore
import Fluent
import Vapor

/// Sign-in and sign-out in the browser.
enum SignInController {
    struct SignInForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    static let wrongCredentials = "The email or password is not right."

    /// Shows the sign-in form.
    @Sendable static func show(_ request: Request) async throws -> Response {
        if request.auth.has(User.self) { return request.redirect(to: "/") }
        let next = request.query[String.self, at: "next"] ?? ""
        return SignInPage.render(.init(next: LocalPath.checked(next) ?? ""), PageContext(request, startSession: true)).response()
    }

    /// Checks the credentials under the throttle, then starts a fresh session.
    @Sendable static func signIn(_ request: Request) async throws -> Response {
        let form = try request.content.decode(SignInForm.self)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form.password ?? ""
        let next = LocalPath.checked(form.next) ?? ""
        let address = request.remoteAddress?.ipAddress ?? "unknown"
        let throttle = SignInThrottle(db: request.db, now: request.now)

        func failure(_ message: String, status: HTTPResponseStatus) -> Response {
            SignInPage.render(.init(email: email, next: next, message: message), PageContext(request, startSession: true)).response(status: status)
        }

        if let wait = try await throttle.retryAfter(email: email, address: address) {
            let minutes = Int((wait / 60).rounded(.up))
            let response = failure("Too many failed attempts. Wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again.", status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(wait)))
            return response
        }

        let user = try await User.query(on: request.db).filter(\.$email == email).first()
        // Verify against a real hash even for unknown emails, so timing does not reveal which accounts exist.
        let hash = user?.passwordHash ?? request.application.dummyPasswordHash
        let matches = (try? await request.password.async.verify(password, created: hash)) ?? false
        guard let user, matches else {
            try await throttle.recordFailure(email: email, address: address)
            return failure(wrongCredentials, status: .unauthorized)
        }
        guard !user.isDisabled else {
            return failure("This account is disabled. Ask an administrator to enable it.", status: .forbidden)
        }
        try await throttle.clearAccount(email: email)
        try await WebSession.renew(request)
        request.session.data[WebSession.userKey] = try user.requireID().uuidString
        request.auth.login(user)
        request.logger.info("Signed in", metadata: ["user": .string(user.email)])
        return request.redirect(to: next.isEmpty ? "/" : next)
    }

    /// Ends the session.
    @Sendable static func signOut(_ request: Request) async throws -> Response {
        request.auth.logout(User.self)
        try await WebSession.renew(request)
        return request.redirect(to: Site.signIn())
    }
}

extension Application {
    private struct DummyHashKey: StorageKey { typealias Value = String }

    /// A hash of a random password at the configured cost, made at start, for timing-safe checks of unknown emails.
    var dummyPasswordHash: String {
        get { storage[DummyHashKey.self] ?? "" }
        set { storage[DummyHashKey.self] = newValue }
    }
}
