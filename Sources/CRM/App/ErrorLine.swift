import FluentPostgresDriver

/// The one line `crm` prints for an error that ends a command. PostgreSQL's errors describe themselves generically
/// (to keep data out of logs), which left a failed command saying nothing useful; their server message names the
/// problem without the values.
public func errorLine(_ error: any Error) -> String {
    if let postgres = error as? PSQLError {
        if let message = postgres.serverInfo?[.message] {
            let state = postgres.serverInfo?[.sqlState].map { " (\($0))" } ?? ""
            return "PostgreSQL: \(message)\(state)"
        }
        return "PostgreSQL: \(String(reflecting: postgres))".split(separator: "\n").first.map(String.init) ?? "PostgreSQL error"
    }
    return String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
}
