import Fluent
import Foundation

/// One failed sign-in, kept for the throttle window. `subject` is `account:<email>` or `address:<ip>`.
final class SignInFailure: Model, @unchecked Sendable {
    static let schema = "sign_in_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject") var subject: String
    @Field(key: "failed_at") var failedAt: Date

    init() {}

    init(subject: String, failedAt: Date) {
        self.subject = subject
        self.failedAt = failedAt
    }
}
