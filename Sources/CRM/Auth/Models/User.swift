import CRMCore
import Fluent
import Vapor

/// A person who signs in to the CRM.
final class User: Model, Authenticatable, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// Stored lower-cased (see `EmailAddress`), unique.
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: Role
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "is_disabled") var isDisabled: Bool
    /// IANA zone name; times are stored in UTC and shown in this zone.
    @Field(key: "time_zone") var timeZone: String
    /// How the user signs mail the CRM sends for them (holiday greetings); their name when they set none.
    @OptionalField(key: "signature") var signature: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, email: EmailAddress, name: String, role: Role, passwordHash: String, timeZone: String = "UTC") {
        self.id = id
        self.email = email.value
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.isDisabled = false
        self.timeZone = timeZone
    }
}

extension User {
    var emailSignature: String { signature ?? name }
}
