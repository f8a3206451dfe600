import Fluent
import SQLKit

/// Orders, their lines and status history, with the indexes the profit reports aggregate over.
struct CreateOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await database.schema(Order.schema)
            .id()
            .field("number", .int, .required)
            .field("account_id", .uuid, .required, .references(Account.schema, .id))
            .field("contact_id", .uuid, .references(Contact.schema, .id, onDelete: .setNull))
            .field("salesperson_id", .uuid, .required, .references(User.schema, .id))
            .field("order_date", .string, .required)
            .field("order_month", .string, .required)
            .field("currency", .string, .required)
            .field("status", .string, .required)
            .field("counts", .bool, .required)
            .field("status_changed_at", .datetime, .required)
            .field("revenue_minor", .int64, .required)
            .field("cost_minor", .int64, .required)
            .field("base_revenue_minor", .int64, .required)
            .field("base_cost_minor", .int64, .required)
            .field("commission_minor", .int64, .required)
            .field("note", .string)
            .field("external_ref", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "number")
            .unique(on: "external_ref")
            .create()
        // Ranking accounts by profit over months: read from the index alone.
        try await sql.create(index: "orders_profit").on(Order.schema)
            .column("counts").column("order_month").column("account_id").column("base_revenue_minor").column("base_cost_minor").run()
        // One account's orders and months; its open orders.
        try await sql.create(index: "orders_account").on(Order.schema)
            .column("account_id").column("counts").column("order_month").column("base_revenue_minor").column("base_cost_minor").run()
        try await sql.create(index: "orders_account_date").on(Order.schema).column("account_id").column("order_date").run()
        try await sql.create(index: "orders_salesperson").on(Order.schema)
            .column("salesperson_id").column("counts").column("order_month").run()

        try await database.schema(OrderLine.schema)
            .id()
            .field("order_id", .uuid, .required, .references(Order.schema, .id, onDelete: .cascade))
            .field("position", .int, .required)
            .field("product_id", .uuid, .references(Product.schema, .id))
            .field("description", .string, .required)
            .field("quantity", .int64, .required)
            .field("unit_price_minor", .int64, .required)
            .field("discount_bp", .int64, .required)
            .field("unit_cost_minor", .int64, .required)
            .field("revenue_minor", .int64, .required)
            .field("cost_minor", .int64, .required)
            .field("base_revenue_minor", .int64, .required)
            .field("base_cost_minor", .int64, .required)
            .field("margin_tier", .string, .required)
            .field("commission_minor", .int64, .required)
            .field("account_id", .uuid, .required, .references(Account.schema, .id))
            .field("order_month", .string, .required)
            .field("salesperson_id", .uuid, .required, .references(User.schema, .id))
            .field("counts", .bool, .required)
            .create()
        try await sql.create(index: "order_lines_order").on(OrderLine.schema).column("order_id").column("position").run()
        // One account's profit by product and month, from the index alone.
        try await sql.create(index: "order_lines_account").on(OrderLine.schema)
            .column("account_id").column("counts").column("order_month").column("product_id")
            .column("base_revenue_minor").column("base_cost_minor").column("quantity").run()
        // Commissions by salesperson, month and tier, from the index alone.
        try await sql.create(index: "order_lines_commissions").on(OrderLine.schema)
            .column("counts").column("order_month").column("salesperson_id").column("margin_tier")
            .column("base_revenue_minor").column("base_cost_minor").column("commission_minor").run()

        try await database.schema(OrderStatusChange.schema)
            .id()
            .field("order_id", .uuid, .required, .references(Order.schema, .id, onDelete: .cascade))
            .field("from_status", .string)
            .field("to_status", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("note", .string)
            .create()
        try await sql.create(index: "order_status_changes_order").on(OrderStatusChange.schema).column("order_id").column("changed_at").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [OrderStatusChange.schema, OrderLine.schema, Order.schema] { try await database.schema(schema).delete() }
    }
}
