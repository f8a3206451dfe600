import CRMCore
import Fluent
import SQLKit
import Vapor

/// Each user's reminder choice and private calendar feed. The feed's secret is shown once; only its digest is kept,
/// as for API tokens, and a new one replaces (revokes) the old.
struct TaskPreferences {
    let db: any Database
    static let table = "task_preferences"

    struct Settings: Content, Equatable {
        var emailReminders = false
        var hasFeed = false
    }

    func settings(of userID: UUID) async throws -> Settings {
        let row = try await db.sql.select().columns("email_reminders", "feed_token_hash").from(Self.table).where("user_id", .equal, SQLBind(userID)).first()
        guard let row else { return Settings() }
        return Settings(emailReminders: try row.decode(column: "email_reminders", as: Bool.self),
                        hasFeed: try row.decode(column: "feed_token_hash", as: String?.self) != nil)
    }

    func setEmailReminders(_ on: Bool, for userID: UUID) async throws {
        try await ensureRow(userID)
        try await db.sql.update(Self.table).set("email_reminders", to: SQLBind(on)).where("user_id", .equal, SQLBind(userID)).run()
    }

    /// A new secret for the feed, replacing any earlier one; returned once.
    func newFeedToken(for userID: UUID, now: Date) async throws -> String {
        let token = SecretGenerator.urlSafe()
        try await ensureRow(userID)
        try await db.sql.update(Self.table).set("feed_token_hash", to: SQLBind(APIToken.digest(token))).set("feed_created_at", to: SQLBind(now))
            .where("user_id", .equal, SQLBind(userID)).run()
        return token
    }

    func revokeFeed(of userID: UUID) async throws {
        try await db.sql.update(Self.table).set("feed_token_hash", to: SQLLiteral.null).set("feed_created_at", to: SQLLiteral.null)
            .where("user_id", .equal, SQLBind(userID)).run()
    }

    /// Whose feed a secret opens, if any.
    func feedOwner(token: String) async throws -> UUID? {
        guard !token.isEmpty, token.count <= 100 else { return nil }
        return try await db.sql.select().column("user_id").from(Self.table).where("feed_token_hash", .equal, SQLBind(APIToken.digest(token)))
            .first()?.decode(column: "user_id", as: UUID.self)
    }

    /// The users who want reminders by email, among `ids`.
    func emailReminderUsers(among ids: Set<UUID>) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.sql.select().column("user_id").from(Self.table).where("user_id", .in, SQLBind.group(Array(ids)))
            .where("email_reminders", .equal, SQLBind(true)).all()
        return Set(try rows.map { try $0.decode(column: "user_id", as: UUID.self) })
    }

    private func ensureRow(_ userID: UUID) async throws {
        try await db.sql.insert(into: Self.table).columns("user_id", "email_reminders").values(SQLBind(userID), SQLBind(false))
            .ignoringConflicts(with: ["user_id"]).run()
    }
}
