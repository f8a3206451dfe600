import CRMCore
import Vapor
import Fluent
import Foundation

/// A personal API token. Only its SHA-256 digest is stored: the token itself is shown once at creation.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, name: String, token: String) {
        self.$user.id = userID
        self.name = name
        self.tokenHash = Self.digest(token)
    }

    /// Tokens are long random strings, so a fast unsalted digest is enough and keeps lookups indexed.
    static func digest(_ token: String) -> String {
        HexText.lowercase(SHA256.hash(data: Data(token.utf8)))
    }
}
