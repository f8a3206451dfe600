import Fluent
import SQLKit

extension Database {
    /// The database as SQLKit sees it, for the statements Fluent's query builder does not express. Both drivers
    /// the CRM runs on (SQLite, PostgreSQL) are SQL databases, so this never fails.
    var sql: any SQLDatabase { self as! any SQLDatabase }
}
