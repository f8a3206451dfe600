import CRMCore
import Fluent
import Vapor

/// Stores sessions with a digest of their id and a sliding expiry; expired ones are swept by the hourly
/// `auth.sessions.sweep` job (`sweepKind`), not on the sign-in path.
/// A page reads its session once: the row read is kept on the request for the update after the page.
struct HashedSessionDriver: AsyncSessionDriver {
    private struct ReadKey: StorageKey { typealias Value = StoredSession }

    static let lifetime: TimeInterval = 12 * 60 * 60

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: SecretGenerator.urlSafe())
        let now = request.now
        try await StoredSession(keyHash: APIToken.digest(id.string), data: try encode(data),
                                expiresAt: now.addingTimeInterval(Self.lifetime)).save(on: request.db)
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let stored = try await find(sessionID, request), stored.expiresAt > request.now else { return nil }
        request.storage[ReadKey.self] = stored
        return try JSONDecoder().decode(SessionData.self, from: Data(stored.data.utf8))
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        var stored = request.storage[ReadKey.self].flatMap { $0.keyHash == APIToken.digest(sessionID.string) ? $0 : nil }
        if stored == nil { stored = try await find(sessionID, request) }
        guard let stored else { return try await createSession(data, for: request) }
        let encoded = try encode(data)
        let expiresAt = request.now.addingTimeInterval(Self.lifetime)
        // Every page passes through here: write only when the data changed or the expiry moved by a minute.
        guard encoded != stored.data || expiresAt.timeIntervalSince(stored.expiresAt) > 60 else { return sessionID }
        stored.data = encoded
        stored.expiresAt = expiresAt
        try await stored.save(on: request.db)
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await StoredSession.query(on: request.db).filter(\.$keyHash == APIToken.digest(sessionID.string)).delete()
    }

    private func find(_ sessionID: SessionID, _ request: Request) async throws -> StoredSession? {
        try await StoredSession.query(on: request.db).filter(\.$keyHash == APIToken.digest(sessionID.string)).first()
    }

    /// Sorted keys, so the same data always encodes the same and an unchanged session is not written again.
    private func encode(_ data: SessionData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(data), as: UTF8.self)
    }
}

extension HashedSessionDriver {
    static let sweepKind = JobKind(name: "auth.sessions.sweep", summary: "Delete expired sign-in sessions", maxAttempts: 1, schedule: "17 * * * *") { run in
        try await StoredSession.query(on: run.db).filter(\.$expiresAt < run.now).delete()
    }
}
