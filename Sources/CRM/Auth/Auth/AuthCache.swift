import CRMCore
import Fluent
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// Who each API token and signed-in user is, kept in memory so an authenticated request reads nothing from the
/// database once warm. Every change to a user, and every revoked token, moves `auth_state.generation`
/// (`AuthChangeWatcher`): this process forgets everything at once; another process on the same database forgets when
/// one of its requests, at most `checkEvery` after the last look, finds the generation moved. Unknown tokens are never
/// cached, so a token created elsewhere works at once.
final class AuthCache: Sendable {
    static let stateTable = "auth_state"
    /// More entries than this and the cache starts again, so memory stays bounded whatever the callers send.
    static let capacity = 20_000

    struct UserFacts: Sendable {
        let id: UUID, email: String, name: String, role: Role, passwordHash: String, isDisabled: Bool, timeZone: String, signature: String?
        let createdAt: Date?, updatedAt: Date?

        init(_ user: User) throws {
            id = try user.requireID()
            email = user.email; name = user.name; role = user.role; passwordHash = user.passwordHash
            isDisabled = user.isDisabled; timeZone = user.timeZone; signature = user.signature; createdAt = user.createdAt; updatedAt = user.updatedAt
        }

        /// A fresh model for each request, so a handler changing its user never changes the cached one.
        var model: User {
            let user = User()
            user.id = id
            user.$id.exists = true
            user.email = email; user.name = name; user.role = role; user.passwordHash = passwordHash
            user.isDisabled = isDisabled; user.timeZone = timeZone; user.signature = signature; user.createdAt = createdAt; user.updatedAt = updatedAt
            return user
        }
    }

    struct TokenFacts: Sendable {
        let id: UUID
        let userID: UUID
        var lastUsedAt: Date?
    }

    private struct State {
        var users: [UUID: UserFacts] = [:]
        var tokens: [String: TokenFacts] = [:]
        /// Moves on every forgetting: what a request read before it is not stored after it.
        var epoch = 0
        var generation: Int64?
        var checkedAt = NIODeadline.distantPast
        var checking = false

        mutating func forget() {
            users.removeAll(keepingCapacity: true)
            tokens.removeAll(keepingCapacity: true)
            epoch += 1
        }
    }

    let checkEvery: TimeAmount
    private let state = NIOLockedValueBox(State())

    init(checkEvery: TimeAmount = .milliseconds(500)) {
        self.checkEvery = checkEvery
    }

    /// The active user with this id, or nil when there is none or they are disabled.
    func activeUser(_ id: UUID, on db: any Database) async throws -> User? {
        try await lookAtGenerationIfDue(db)
        if let facts = state.withLockedValue({ $0.users[id] }) { return facts.isDisabled ? nil : facts.model }
        let epoch = state.withLockedValue { $0.epoch }
        guard let user = try await User.find(id, on: db) else { return nil }
        store(epoch: epoch, user: try UserFacts(user))
        return user.isDisabled ? nil : user
    }

    /// The active user a token belongs to, and the token, or nil when the token is unknown or its user disabled.
    func tokenUser(digest: String, on db: any Database) async throws -> (User, TokenFacts)? {
        try await lookAtGenerationIfDue(db)
        let cached = state.withLockedValue { state -> (TokenFacts, UserFacts)? in
            guard let token = state.tokens[digest], let user = state.users[token.userID] else { return nil }
            return (token, user)
        }
        if let (token, user) = cached { return user.isDisabled ? nil : (user.model, token) }
        let epoch = state.withLockedValue { $0.epoch }
        guard let token = try await APIToken.query(on: db).filter(\.$tokenHash == digest).with(\.$user).first() else { return nil }
        let facts = TokenFacts(id: try token.requireID(), userID: try token.user.requireID(), lastUsedAt: token.lastUsedAt)
        store(epoch: epoch, user: try UserFacts(token.user), token: (digest, facts))
        return token.user.isDisabled ? nil : (token.user, facts)
    }

    /// Notes when a token was last used, coarsely (once an hour) and without counting as a change of the token.
    func noteUse(of token: TokenFacts, digest: String, at now: Date, on db: any Database) async throws {
        guard token.lastUsedAt.map({ now.timeIntervalSince($0) > 3600 }) ?? true else { return }
        try await db.sql.update(APIToken.schema).set("last_used_at", to: now).where("id", .equal, token.id).run()
        state.withLockedValue { state in state.tokens[digest]?.lastUsedAt = now }
    }

    /// Forgets everything this process holds; `AuthChangeWatcher` calls it after moving the generation.
    func forget() {
        state.withLockedValue { $0.forget() }
    }

    /// Moves the generation in the database (for the other processes) and forgets here.
    func changed(on db: any Database) async throws {
        try await db.sql.raw("UPDATE \(ident: Self.stateTable) SET generation = generation + 1").run()
        forget()
    }

    private func store(epoch: Int, user: UserFacts, token: (String, TokenFacts)? = nil) {
        state.withLockedValue { state in
            guard state.epoch == epoch else { return }
            if state.users.count + state.tokens.count >= Self.capacity {
                state.users.removeAll()
                state.tokens.removeAll()
            }
            state.users[user.id] = user
            if let (digest, facts) = token { state.tokens[digest] = facts }
        }
    }

    /// One small read now and then; a request arriving while another looks goes on with what is held.
    private func lookAtGenerationIfDue(_ db: any Database) async throws {
        let now = NIODeadline.now()
        let due = state.withLockedValue { state -> Bool in
            guard !state.checking, now - state.checkedAt >= checkEvery else { return false }
            state.checking = true
            return true
        }
        guard due else { return }
        struct Row: Decodable { let generation: Int64 }
        let row: Row?
        do {
            row = try await db.sql.select().column("generation").from(Self.stateTable).first(decoding: Row.self)
        } catch {
            state.withLockedValue { $0.checking = false }
            throw error
        }
        state.withLockedValue { state in
            state.checking = false
            state.checkedAt = now
            if let generation = row?.generation {
                if state.generation != nil, state.generation != generation { state.forget() }
                state.generation = generation
            }
        }
    }
}

/// Moves the auth generation whenever a user changes (role, disabling, password, name) or a token is deleted, through
/// whichever path saves them. Changes made with bare SQL bypass it and must call `AuthCache.changed(on:)` themselves.
struct AuthChangeWatcher: AsyncModelMiddleware {
    typealias Model = User
    let cache: AuthCache

    func update(model: User, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        try await cache.changed(on: db)
    }

    func delete(model: User, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.delete(model, force: force, on: db)
        try await cache.changed(on: db)
    }
}

struct TokenRevocationWatcher: AsyncModelMiddleware {
    typealias Model = APIToken
    let cache: AuthCache

    func delete(model: APIToken, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.delete(model, force: force, on: db)
        try await cache.changed(on: db)
    }
}

extension Application {
    private struct AuthCacheKey: StorageKey { typealias Value = AuthCache }

    /// Set up by `configure` before any request; see `AuthCache`.
    var authCache: AuthCache {
        get { storage[AuthCacheKey.self]! }
        set { storage[AuthCacheKey.self] = newValue }
    }

    func useAuthCache(_ cache: AuthCache = AuthCache()) {
        authCache = cache
        databases.middleware.use(AuthChangeWatcher(cache: cache))
        databases.middleware.use(TokenRevocationWatcher(cache: cache))
    }
}
