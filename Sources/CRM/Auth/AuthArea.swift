import CRMCore
import Fluent
import Vapor

/// Users, roles, sign-in, sessions and API tokens: who may do what in the CRM.
enum AuthArea: Area {
    static let migrations: [any Migration] = [CreateUsers(), CreateAPITokens(), CreateSignInFailures(), CreateStoredSessions()]

    static var apiOperations: [APIOperation] { UsersAPIController.operations }

    static let schemas: [(String, JSONSchema)] = [("User", UsersAPIController.UserDTO.schema)]

    static func routes(_ routes: AreaRoutes) throws {
        routes.publicPages.get("signin", use: SignInController.show)
        routes.publicPages.post("signin", use: SignInController.signIn)
        routes.publicPages.post("signout", use: SignInController.signOut)

        let admin = routes.pages.grouped("admin", "users")
        admin.get(use: UserAdminController.index)
        admin.post(use: UserAdminController.create)
        admin.post(":userID", "role", use: UserAdminController.changeRole)
        admin.post(":userID", "disable") { try await UserAdminController.setDisabled($0, disabled: true) }
        admin.post(":userID", "enable") { try await UserAdminController.setDisabled($0, disabled: false) }
        admin.post(":userID", "reset-password", use: UserAdminController.resetPassword)

        let settings = routes.pages.grouped("settings")
        settings.get(use: SettingsController.show)
        settings.post("password", use: SettingsController.changePassword)
        settings.post("tokens", use: SettingsController.createToken)
        settings.post("tokens", ":tokenID", "revoke", use: SettingsController.revokeToken)

        routes.api.get("me", use: UsersAPIController.me)
        routes.api.get("users", use: UsersAPIController.list)
        routes.api.get("users", ":userID", use: UsersAPIController.show)
    }
}
