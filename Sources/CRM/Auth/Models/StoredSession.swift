import Fluent
import Foundation

/// A browser session in the database. The table holds a digest of the session id, never the id itself,
/// so neither the database nor its query log can be used to take over a session.
final class StoredSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "key_hash") var keyHash: String
    /// The session's key/value data as JSON.
    @Field(key: "data") var data: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(keyHash: String, data: String, expiresAt: Date) {
        self.keyHash = keyHash
        self.data = data
        self.expiresAt = expiresAt
    }
}
