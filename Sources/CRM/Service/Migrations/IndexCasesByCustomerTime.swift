import Fluent
import SQLKit

/// A customer's cases newest first, as their timelines page through them: the account and contact indexes gain the
/// time, so a page is read in index order rather than sorted.
struct IndexCasesByCustomerTime: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for column in ["account_id", "contact_id"] {
            let old = column == "account_id" ? "cases_account" : "cases_contact"
            try await database.sql.drop(index: old).run()
            try await database.sql.create(index: old + "_created").on("cases").column(column).column("created_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        for column in ["account_id", "contact_id"] {
            let old = column == "account_id" ? "cases_account" : "cases_contact"
            try await database.sql.drop(index: old + "_created").run()
            try await database.sql.create(index: old).on("cases").column(column).run()
        }
    }
}
