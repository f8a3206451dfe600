import CRMCore
import Fluent
import Vapor

/// The admin's user management pages: create, change role, disable and enable, reset password.
enum UserAdminController {
    struct CreateForm: Content {
        var email: String?
        var name: String?
        var role: String?
        var timeZone: String?
    }

    struct RoleForm: Content {
        var role: String?
    }

    /// Lists all users with the form to add one.
    @Sendable static func index(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canManageUsers)
        return try await page(request, model: .init(rows: [])).response()
    }

    /// Creates a user and shows their generated password once.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let admin = try request.requireRole(\.canManageUsers)
        let form = try request.content.decode(CreateForm.self)
        let new = UserDirectory.NewUser(email: form.email ?? "", name: form.name ?? "", role: form.role ?? "",
                                        timeZone: (form.timeZone ?? "").isEmpty ? "UTC" : form.timeZone!)
        do {
            let created = try await request.users.create(new)
            request.logger.notice("User created", metadata: ["user": .string(created.user.email), "by": .string(admin.email)])
            let model = UserAdminPage.Model(rows: [], revealed: (created.user.email, created.password))
            return try await page(request, model: model, notice: "Created \(created.user.name).").response(status: .created)
        } catch let error as APIError where !error.fields.isEmpty {
            let model = UserAdminPage.Model(rows: [], form: new, errors: error.fields)
            return try await page(request, model: model).response(status: .unprocessableEntity)
        }
    }

    /// Changes a user's role; admins cannot demote themselves, so the CRM always keeps an admin.
    @Sendable static func changeRole(_ request: Request) async throws -> Response {
        let target = try await otherUser(request)
        guard let role = Role(rawValue: try request.content.decode(RoleForm.self).role ?? "") else {
            throw APIError.invalid(["role": "must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        target.role = role
        try await target.save(on: request.db)
        return request.redirect(to: Site.users())
    }

    /// Disables or enables sign-in; a disabled user's sessions and API tokens stop working at once.
    @Sendable static func setDisabled(_ request: Request, disabled: Bool) async throws -> Response {
        let target = try await otherUser(request)
        target.isDisabled = disabled
        try await target.save(on: request.db)
        return request.redirect(to: Site.users())
    }

    /// Replaces a user's password with a generated one and shows it once.
    @Sendable static func resetPassword(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canManageUsers)
        guard let target = try await User.find(request.parameters.get("userID", as: UUID.self), on: request.db) else {
            throw APIError.notFound("This user")
        }
        let password = try await request.users.resetPassword(of: target)
        let model = UserAdminPage.Model(rows: [], revealed: (target.email, password))
        return try await page(request, model: model, notice: "Password reset for \(target.name).").response()
    }

    private static func otherUser(_ request: Request) async throws -> User {
        let admin = try request.requireRole(\.canManageUsers)
        guard let target = try await User.find(request.parameters.get("userID", as: UUID.self), on: request.db) else {
            throw APIError.notFound("This user")
        }
        guard target.id != admin.id else {
            throw APIError.conflict("You cannot change your own role or disable yourself; ask another admin.")
        }
        return target
    }

    private static func page(_ request: Request, model: UserAdminPage.Model, notice: String? = nil) async throws -> Node {
        let me = try request.user
        var model = model
        model.rows = try await User.query(on: request.db).sort(\.$name).sort(\.$email).all().map {
            .init(id: $0.id!.uuidString, name: $0.name, email: $0.email, role: $0.role, isDisabled: $0.isDisabled, isSelf: $0.id == me.id)
        }
        return UserAdminPage.render(model, PageContext(request, notice: notice))
    }
}
