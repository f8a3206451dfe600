import CRMCore
import Fluent
import SQLKit
import Vapor

/// Creating and changing users, shared by the admin page, the API, the `crm user` command and the first start,
/// so every path validates the same way.
struct UserDirectory {
    let db: any Database
    let passwords: AsyncPasswordHasher

    struct NewUser {
        var email: String
        var name: String
        var role: String
        var timeZone: String = "UTC"
    }

    struct Created {
        let user: User
        /// Shown once to whoever created the account, then only its hash exists.
        let password: String
    }

    /// Checks the fields; a failure names each bad field, keyed by its form and JSON name.
    func validated(_ new: NewUser, excluding existingID: UUID? = nil) async throws -> (EmailAddress, Role) {
        var errors: [String: String] = [:]
        let email = EmailAddress(new.email)
        if email == nil { errors["email"] = "must be a valid email address" }
        if new.name.trimmingCharacters(in: .whitespaces).isEmpty { errors["name"] = "must not be empty" }
        if new.name.count > 200 { errors["name"] = "must be at most 200 characters" }
        let role = Role(rawValue: new.role)
        if role == nil { errors["role"] = "must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", ") }
        if TimeZone(identifier: new.timeZone) == nil { errors["timeZone"] = "must be a time zone name such as Europe/Vilnius" }
        if let email {
            var query = User.query(on: db).filter(\.$email == email.value)
            if let existingID { query = query.filter(\.$id != existingID) }
            if try await query.count() > 0 { errors["email"] = "is already used by another user" }
        }
        guard errors.isEmpty, let email, let role else { throw APIError.invalid(errors) }
        return (email, role)
    }

    func create(_ new: NewUser) async throws -> Created {
        let (email, role) = try await validated(new)
        let password = SecretGenerator.password()
        let user = User(email: email, name: new.name.trimmingCharacters(in: .whitespaces), role: role,
                        passwordHash: try await passwords.hash(password), timeZone: new.timeZone)
        try await user.save(on: db)
        return Created(user: user, password: password)
    }

    /// Replaces the password with a new generated one, shown once.
    func resetPassword(of user: User) async throws -> String {
        let password = SecretGenerator.password()
        user.passwordHash = try await passwords.hash(password)
        try await user.save(on: db)
        return password
    }

    /// A password the user chose; length is what makes a password strong, so only that is required.
    func setPassword(of user: User, to password: String) async throws {
        guard password.count >= 10 else { throw APIError.invalid(["newPassword": "must be at least 10 characters"]) }
        guard password.count <= 200 else { throw APIError.invalid(["newPassword": "must be at most 200 characters"]) }
        user.passwordHash = try await passwords.hash(password)
        try await user.save(on: db)
    }
}

extension Request {
    var users: UserDirectory { UserDirectory(db: db, passwords: password.async) }
}

extension Application {
    var users: UserDirectory { UserDirectory(db: db, passwords: password.async) }
}

extension UserDirectory {
    /// The names of these users, in one statement without models (timelines and lists name many people).
    static func names(of ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable { let id: UUID; let name: String }
        let rows = try await db.sql.raw("SELECT id, name FROM users WHERE id IN (\(binds: Array(ids)))").all(decoding: Row.self)
        return Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Active users, who can be named as owners and salespeople on other areas' forms and filters.
    static func activeUsers(on db: any Database) async throws -> [UserRef] {
        try await User.query(on: db).filter(\.$isDisabled == false).sort(\.$name).all().compactMap(UserRef.init)
    }
}
