import Fluent
import SQLKit

/// The order list pages newest first by number, filtered by account, status or salesperson: each filter reads one
/// index range already in page order, however many orders there are (the profit indexes group by month instead).
struct IndexOrdersForLists: AsyncMigration {
    static let indexes = [("orders_list_account", "account_id"), ("orders_list_status", "status"), ("orders_list_salesperson", "salesperson_id")]

    func prepare(on database: any Database) async throws {
        for (name, column) in Self.indexes {
            try await database.sql.create(index: name).on(Order.schema).column(column).column("number").column("id").run()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.indexes { try await database.sql.drop(index: name).run() }
    }
}
