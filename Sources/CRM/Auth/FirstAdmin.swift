import CRMCore
import Fluent
import Vapor

/// On the very first start nobody can sign in and manage users; this creates the admin who can.
/// It runs when there is no admin at all, so loading demo users first does not leave the CRM without one.
enum FirstAdmin {
    static let email = "admin@example.com"

    static func createIfNoAdmin(on db: any Database, app: Application) async throws -> (email: String, password: String)? {
        guard try await User.query(on: db).filter(\.$role == .admin).count() == 0 else { return nil }
        let created = try await app.users.create(.init(email: email, name: "Administrator", role: Role.admin.rawValue))
        return (created.user.email, created.password)
    }
}

extension FirstAdmin {
    /// What a command prints after creating the first admin: the only time the password is shown.
    static func announcement(_ created: (email: String, password: String)) -> [String] {
        [
            "Created the first admin account. Sign in with:",
            "  email:    \(created.email)",
            "  password: \(created.password)",
            "This password is shown only once; change it under Settings after signing in.",
        ]
    }
}
