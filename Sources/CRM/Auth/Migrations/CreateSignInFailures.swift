import Fluent
import SQLKit

struct CreateSignInFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignInFailure.schema)
            .id()
            .field("subject", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()
        // The throttle asks "failures of this subject since …" on every sign-in.
        try await database.sql
            .create(index: "sign_in_failures_subject_failed_at")
            .on(SignInFailure.schema)
            .column("subject").column("failed_at")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInFailure.schema).delete()
    }
}
