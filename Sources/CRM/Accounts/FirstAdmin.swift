import CRMCore
import Fluent
import Vapor

/// On the very first start there is nobody to sign in as; this creates the admin.
enum FirstAdmin {
    static let email = "admin@example.com"

    static func createIfNoUsers(on db: any Database, app: Application) async throws -> (email: String, password: String)? {
        guard try await User.query(on: db).count() == 0 else { return nil }
        let created = try await app.users.create(.init(email: email, name: "Administrator", role: Role.admin.rawValue))
        return (created.user.email, created.password)
    }
}
