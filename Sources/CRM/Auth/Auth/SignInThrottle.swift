import CRMCore
import Fluent
import Vapor

/// Applies `LoginThrottle` to stored failures, per account and per network address.
struct SignInThrottle {
    let db: any Database
    let now: Date

    static func subjects(email: String, address: String) -> [(String, LoginThrottle)] {
        [("account:" + email, .perAccount), ("address:" + address, .perAddress)]
    }

    /// Seconds to wait before another attempt, or `nil` when one may be made now.
    func retryAfter(email: String, address: String) async throws -> TimeInterval? {
        let subjects = Self.subjects(email: email, address: address)
        let oldest = subjects.map { $0.1.relevanceCutoff(now: now) }.min()!
        let failures = try await SignInFailure.query(on: db)
            .filter(\.$subject ~~ subjects.map(\.0))
            .filter(\.$failedAt > oldest)
            .all()
        return subjects.compactMap { subject, throttle in
            throttle.retryAfter(failures: failures.filter { $0.subject == subject }.map(\.failedAt), now: now)
        }.max()
    }

    func recordFailure(email: String, address: String) async throws {
        let subjects = Self.subjects(email: email, address: address)
        let forgetBefore = subjects.map { $0.1.relevanceCutoff(now: now) }.min()!
        try await db.transaction { db in
            for (subject, _) in subjects {
                try await SignInFailure(subject: subject, failedAt: now).save(on: db)
            }
            try await SignInFailure.query(on: db).filter(\.$failedAt < forgetBefore).delete()
        }
    }

    /// A successful sign-in clears the account's count; the address keeps its count, since a guesser may own one account.
    func clearAccount(email: String) async throws {
        try await SignInFailure.query(on: db).filter(\.$subject == "account:" + email).delete()
    }
}
