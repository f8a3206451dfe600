import Fluent

/// An optional credit limit per account, in the base currency: new orders beyond it get a warning.
struct AddCreditLimit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Account.schema).field("credit_limit_minor", .int64).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).deleteField("credit_limit_minor").update()
    }
}
