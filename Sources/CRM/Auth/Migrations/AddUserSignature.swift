import Fluent

/// The signature the CRM puts under mail it sends for a user (holiday greetings from a customer's owner).
struct AddUserSignature: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("signature", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("signature").update()
    }
}
