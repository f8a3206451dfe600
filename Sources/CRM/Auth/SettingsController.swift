import CRMCore
import Fluent
import Vapor

/// The signed-in user's own password, email signature and API tokens.
enum SettingsController {
    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
    }

    struct TokenForm: Content {
        var name: String?
    }

    struct SignatureForm: Content {
        var signature: String?
    }

    /// Sets how mail the CRM sends for the user is signed; empty: their name.
    @Sendable static func saveSignature(_ request: Request) async throws -> Response {
        let user = try request.user
        var fields = FieldCheck()
        let signature = fields.text(try request.content.decode(SignatureForm.self).signature, "signature", max: 1_000)
        if !fields.errors.isEmpty { return try await page(request, errors: fields.errors, signature: signature).response(status: .unprocessableEntity) }
        // Saved through the model, so every process's sign-in cache learns it.
        user.signature = signature
        try await user.save(on: request.db)
        return try await page(request, notice: "Your signature is saved.").response()
    }

    /// Shows the settings page.
    @Sendable static func show(_ request: Request) async throws -> Response {
        try await page(request).response()
    }

    /// Changes the password after checking the current one.
    @Sendable static func changePassword(_ request: Request) async throws -> Response {
        let user = try request.user
        let form = try request.content.decode(PasswordForm.self)
        guard try await request.password.async.verify(form.currentPassword ?? "", created: user.passwordHash) else {
            return try await page(request, errors: ["currentPassword": "is not right"]).response(status: .unprocessableEntity)
        }
        do {
            try await request.users.setPassword(of: user, to: form.newPassword ?? "")
        } catch let error as APIError where !error.fields.isEmpty {
            return try await page(request, errors: error.fields).response(status: .unprocessableEntity)
        }
        return try await page(request, notice: "Your password has been changed.").response()
    }

    /// Creates a token and shows it once.
    @Sendable static func createToken(_ request: Request) async throws -> Response {
        let user = try request.user
        let name = (try request.content.decode(TokenForm.self).name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            return try await page(request, errors: ["name": "must be 1 to 100 characters"]).response(status: .unprocessableEntity)
        }
        let token = try await TokenIssuer.issue(for: user, name: name, on: request.db)
        return try await page(request, newToken: token).response(status: .created)
    }

    /// Revokes one of the user's own tokens; it stops working at once.
    @Sendable static func revokeToken(_ request: Request) async throws -> Response {
        let user = try request.user
        guard let id = request.parameters.get("tokenID", as: UUID.self),
              let token = try await APIToken.query(on: request.db).filter(\.$id == id).filter(\.$user.$id == user.requireID()).first()
        else { throw APIError.notFound("This token") }
        try await token.delete(on: request.db)
        return try await page(request, notice: "Token “\(token.name)” revoked.").response()
    }

    private static func page(_ request: Request, errors: [String: String] = [:], newToken: String? = nil, notice: String? = nil,
                             signature typed: String? = nil) async throws -> Node {
        let user = try request.user
        let signature = typed ?? user.signature
        let tokens = try await APIToken.query(on: request.db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt, .descending).all()
        let model = SettingsPage.Model(
            email: user.email, timeZone: user.timeZone,
            tokens: tokens.map { .init(id: $0.id!.uuidString, name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt) },
            errors: errors, newToken: newToken, signature: signature ?? ""
        )
        return SettingsPage.render(model, PageContext(request, notice: notice))
    }
}

/// Creates API tokens for the settings page and the `crm token create` command alike.
enum TokenIssuer {
    /// Returns the token itself; only its digest is stored.
    static func issue(for user: User, name: String, on db: any Database) async throws -> String {
        let token = SecretGenerator.apiToken()
        try await APIToken(userID: user.requireID(), name: name, token: token).save(on: db)
        return token
    }
}
