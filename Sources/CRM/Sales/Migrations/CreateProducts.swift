import Fluent
import SQLKit

/// Products with their price history, margin tiers (A/B/C as a starting point) and exchange rates.
struct CreateProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await database.schema(Product.schema)
            .id()
            .field("sku", .string, .required)
            .field("name", .string, .required)
            .field("description", .string)
            .field("unit", .string, .required)
            .field("price_minor", .int64, .required)
            .field("cost_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "sku")
            .create()
        try await sql.create(index: "products_name").on(Product.schema).column("name").run()

        try await database.schema(ProductPriceChange.schema)
            .id()
            .field("product_id", .uuid, .required, .references(Product.schema, .id, onDelete: .cascade))
            .field("price_minor", .int64, .required)
            .field("cost_minor", .int64, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .create()
        try await sql.create(index: "product_price_changes_product").on(ProductPriceChange.schema).column("product_id").column("changed_at").run()

        try await database.schema(MarginTierRow.schema)
            .id()
            .field("position", .int, .required)
            .field("code", .string, .required)
            .field("minimum_bp", .int64, .required)
            .field("commission_bp", .int64, .required)
            .create()
        for (position, tier) in MarginTiersStore.defaults.enumerated() {
            let row = MarginTierRow()
            row.position = position
            row.code = tier.code
            row.minimumBasisPoints = tier.minimumBasisPoints
            row.commissionBasisPoints = tier.commissionBasisPoints
            try await row.create(on: database)
        }

        try await database.schema(ExchangeRate.schema)
            .id()
            .field("currency", .string, .required)
            .field("valid_from", .string, .required)
            .field("rate", .string, .required)
            .field("recorded_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .unique(on: "currency", "valid_from")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [ExchangeRate.schema, MarginTierRow.schema, ProductPriceChange.schema, Product.schema] {
            try await database.schema(schema).delete()
        }
    }
}
