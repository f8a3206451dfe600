import Fluent
import SQLKit

/// The deal an order was won from, and why an order's price differs from a quote the customer still holds.
struct LinkOrdersToDeals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per statement.
        try await database.schema(Order.schema).field("opportunity_id", .uuid, .references("opportunities", .id, onDelete: .setNull)).update()
        try await database.schema(Order.schema).field("price_reason", .string).update()
        try await database.sql.create(index: "orders_deal").on(Order.schema).column("opportunity_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.drop(index: "orders_deal").run()
        try await database.schema(Order.schema).deleteField("price_reason").update()
        try await database.schema(Order.schema).deleteField("opportunity_id").update()
    }
}
