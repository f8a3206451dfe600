import Foundation

/// Where the CRM keeps its data, as chosen by `DATABASE_URL`.
public enum DatabaseLocation: Equatable, Sendable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    /// The file used when `DATABASE_URL` is not set: the embedded default needs no setup.
    public static let defaultSQLitePath = "crm.sqlite"

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Reads a `DATABASE_URL` value; `nil` or empty selects the default SQLite file.
    public static func parse(_ value: String?) throws(ParseError) -> DatabaseLocation {
        guard let raw = value?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return .sqliteFile(path: defaultSQLitePath)
        }
        guard let schemeEnd = raw.range(of: "://") else {
            throw ParseError(description: "DATABASE_URL must start with sqlite:// or postgres:// (got \"\(redacted(raw))\")")
        }
        let scheme = raw[..<schemeEnd.lowerBound].lowercased()
        let rest = String(raw[schemeEnd.upperBound...])
        switch scheme {
        case "sqlite":
            if rest == ":memory:" || rest == "/:memory:" { return .sqliteMemory }
            guard !rest.isEmpty, rest != "/" else {
                throw ParseError(description: "DATABASE_URL sqlite:// needs a file path, e.g. sqlite:///var/lib/crm/crm.sqlite")
            }
            return .sqliteFile(path: rest)
        case "postgres", "postgresql":
            guard let components = URLComponents(string: raw), let host = components.host, !host.isEmpty else {
                throw ParseError(description: "DATABASE_URL is not a valid PostgreSQL URL; expected postgres://user:password@host:port/database")
            }
            if let port = components.port, !(1...65535).contains(port) {
                throw ParseError(description: "DATABASE_URL has port \(port), which is out of range 1-65535")
            }
            let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard !database.isEmpty else {
                throw ParseError(description: "DATABASE_URL names no database; expected postgres://user:password@\(host)/database")
            }
            guard let user = components.user, !user.isEmpty else {
                throw ParseError(description: "DATABASE_URL names no user; expected postgres://user:password@\(host)/\(database)")
            }
            return .postgres(url: raw)
        default:
            throw ParseError(description: "DATABASE_URL scheme \"\(scheme)\" is not supported; use sqlite:// or postgres://")
        }
    }

    /// Hides a password that may stand in a URL, so error messages never leak it.
    static func redacted(_ raw: String) -> String {
        guard let at = raw.lastIndex(of: "@"), let colon = raw[..<at].lastIndex(of: ":") else { return raw }
        return raw[...colon] + "***" + raw[at...]
    }
}
