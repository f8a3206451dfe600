import CRMCore
import Fluent
import Vapor

/// Users, roles, sign-in, sessions and API tokens: who may do what in the CRM.
enum AuthArea: Area {
    static let migrations: [any Migration] = [CreateUsers(), CreateAPITokens(), CreateSignInFailures(), CreateStoredSessions(), CreateAuthState(), AddUserSignature()]

    static var apiOperations: [APIOperation] { UsersAPIController.operations }

    static let schemas: [(String, JSONSchema)] = [("User", UsersAPIController.UserDTO.schema)]
    static var commands: [(name: String, command: any AnyAsyncCommand)] { [("user", UserCommand()), ("token", TokenCommand())] }

    static func contribute(to contributions: inout Contributions) {
        contributions.jobKinds.append(HashedSessionDriver.sweepKind)
    }

    static func routes(_ routes: AreaRoutes) throws {
        routes.publicPages.get(Site.signIn, use: SignInController.show)
        routes.publicPages.post(Site.signIn, use: SignInController.signIn)
        routes.publicPages.post(Site.signOut, use: SignInController.signOut)

        let pages = routes.pages
        pages.get(Site.users, use: UserAdminController.index)
        pages.post(Site.users, use: UserAdminController.create)
        pages.post(Site.userRole, use: UserAdminController.changeRole)
        pages.post(Site.userDisable) { try await UserAdminController.setDisabled($0, disabled: true) }
        pages.post(Site.userEnable) { try await UserAdminController.setDisabled($0, disabled: false) }
        pages.post(Site.userResetPassword, use: UserAdminController.resetPassword)

        pages.get(Site.settings, use: SettingsController.show)
        pages.post(Site.settingsPassword, use: SettingsController.changePassword)
        pages.post(Site.settingsTokens, use: SettingsController.createToken)
        pages.post(Site.settingsSignature, use: SettingsController.saveSignature)
        pages.post(Site.settingsTokenRevoke, use: SettingsController.revokeToken)

        routes.api.get("me", use: UsersAPIController.me)
        routes.api.get("users", use: UsersAPIController.list)
        routes.api.get("users", ":userID", use: UsersAPIController.show)
    }
}
