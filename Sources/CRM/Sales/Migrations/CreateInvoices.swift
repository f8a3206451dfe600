import Fluent
import SQLKit

/// Invoices, credit notes and payments, and the accounts' tiers by profit.
struct CreateInvoices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        try await database.schema(Invoice.schema)
            .id()
            .field("number", .int, .required)
            .field("kind", .string, .required)
            .field("account_id", .uuid, .required, .references(Account.schema, .id))
            .field("order_id", .uuid, .references(Order.schema, .id, onDelete: .setNull))
            .field("issue_date", .string, .required)
            .field("due_date", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("paid_minor", .int64, .required)
            .field("paid_on", .string)
            .field("reason", .string)
            .field("created_at", .datetime)
            .unique(on: "number")
            .create()
        try await sql.create(index: "invoices_account").on(Invoice.schema).column("account_id").column("due_date").run()
        try await sql.create(index: "invoices_order").on(Invoice.schema).column("order_id").run()

        try await database.schema(Payment.schema)
            .id()
            .field("invoice_id", .uuid, .required, .references(Invoice.schema, .id, onDelete: .cascade))
            .field("account_id", .uuid, .required, .references(Account.schema, .id))
            .field("paid_on", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("method", .string, .required)
            .field("recorded_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .create()
        try await sql.create(index: "payments_invoice").on(Payment.schema).column("invoice_id").run()

        try await database.schema(AccountTier.schema)
            .id()
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("tier", .string, .required)
            .field("profit_minor", .int64, .required)
            .field("computed_at", .datetime, .required)
            .unique(on: "account_id")
            .create()
        try await sql.create(index: "account_tiers_tier").on(AccountTier.schema).column("tier").run()
        try await database.schema(AccountTierChange.schema)
            .id()
            .field("account_id", .uuid, .required, .references(Account.schema, .id, onDelete: .cascade))
            .field("from_tier", .string)
            .field("to_tier", .string, .required)
            .field("profit_minor", .int64, .required)
            .field("changed_at", .datetime, .required)
            .create()
        try await sql.create(index: "account_tier_changes_account").on(AccountTierChange.schema).column("account_id").column("changed_at").run()
        try await database.schema(TierSettingsRow.schema)
            .id()
            .field("a_percent", .int, .required)
            .field("b_percent", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [TierSettingsRow.schema, AccountTierChange.schema, AccountTier.schema, Payment.schema, Invoice.schema] { try await database.schema(schema).delete() }
    }
}
