import CRMCore
import Foundation

/// Everything the CRM reads from its environment, read once at start.
/// Keys are the environment variable names, so the table below is the documentation.
public struct AppConfig: Sendable {
    /// `DATABASE_URL`: unset for `./crm.sqlite`, `sqlite:///path` or `postgres://user:pass@host:port/db`.
    public var database: DatabaseLocation
    /// `CRM_BCRYPT_COST`: password hashing work factor (4–16, default 12).
    public var bcryptCost: Int
    /// `CRM_SECURE_COOKIES`: `true` behind HTTPS, so the session cookie is never sent in clear text.
    public var secureCookies: Bool
    /// `CRM_DEFAULT_COUNTRY`: ISO 3166 code for phone numbers written without a country code (default US).
    public var defaultCountry: String
    /// `CRM_BASE_CURRENCY`: the installation's currency (ISO 4217) for new deals and reports (default EUR).
    public var baseCurrency: String = "EUR"
    /// `CRM_STALE_DAYS`: an open deal with no change for this many days is flagged as stale (default 30).
    public var staleDays: Int = 30
    /// `CRM_SENDMAIL`: a sendmail-compatible program and its arguments (`/usr/sbin/sendmail -i`, `msmtp -a crm`), run
    /// without a shell with the recipients appended; unset, the CRM does not send email.
    public var sendmail: [String]?
    /// `CRM_MAIL_FROM`: the From address of email sent from the CRM; default the sending user's own address.
    public var mailFrom: String?
    /// `CRM_TIME_ZONE`: the installation's time zone (IANA name such as Europe/Vilnius), in which scheduled work runs
    /// (tiers at 02:00 there); default UTC. Each user sees times in their own zone.
    public var timeZone: TimeZone = TimeZone(identifier: "UTC")!
    /// `CRM_JOBS`: `off` keeps `crm serve` from running background jobs, for servers beside a separate `crm worker`.
    public var runsJobs = true
    /// `CRM_PUBLIC_URL`: where customers reach this CRM (links in mail: satisfaction surveys), without a trailing
    /// slash; default `http://localhost:8080`.
    public var publicURL = "http://localhost:8080"
    /// PostgreSQL schema to work in; tests give each test its own.
    public var postgresSchema: String?

    public init(database: DatabaseLocation, bcryptCost: Int = 12, secureCookies: Bool = false,
                defaultCountry: String = "US", postgresSchema: String? = nil) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.defaultCountry = defaultCountry
        self.postgresSchema = postgresSchema
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        let database: DatabaseLocation
        do {
            database = try DatabaseLocation.parse(environment["DATABASE_URL"])
        } catch {
            throw Invalid(description: error.description)
        }
        var config = AppConfig(database: database)
        if let raw = environment["CRM_BCRYPT_COST"] {
            guard let cost = Int(raw), (4...16).contains(cost) else {
                throw Invalid(description: "CRM_BCRYPT_COST must be a whole number from 4 to 16 (got \"\(raw)\")")
            }
            config.bcryptCost = cost
        }
        if let raw = environment["CRM_SECURE_COOKIES"] {
            guard let secure = Bool(raw.lowercased()) else {
                throw Invalid(description: "CRM_SECURE_COOKIES must be true or false (got \"\(raw)\")")
            }
            config.secureCookies = secure
        }
        if let raw = environment["CRM_DEFAULT_COUNTRY"] {
            let country = raw.uppercased()
            guard CountryCallingCodes.byCountry[country] != nil else {
                throw Invalid(description: "CRM_DEFAULT_COUNTRY must be a two-letter country code such as LT, ZA, CN, ES or IN (got \"\(raw)\")")
            }
            config.defaultCountry = country
        }
        if let raw = environment["CRM_BASE_CURRENCY"] {
            let currency = raw.uppercased()
            guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw Invalid(description: "CRM_BASE_CURRENCY must be a three-letter ISO 4217 code such as EUR (got \"\(raw)\")")
            }
            config.baseCurrency = currency
        }
        if let raw = environment["CRM_STALE_DAYS"] {
            guard let days = Int(raw), (1...3650).contains(days) else {
                throw Invalid(description: "CRM_STALE_DAYS must be a whole number of days from 1 to 3650 (got \"\(raw)\")")
            }
            config.staleDays = days
        }
        if let raw = environment["CRM_TIME_ZONE"] {
            guard let zone = TimeZone(identifier: raw) else {
                throw Invalid(description: "CRM_TIME_ZONE must be a time zone name such as Europe/Vilnius or Africa/Johannesburg (got \"\(raw)\")")
            }
            config.timeZone = zone
        }
        if let raw = environment["CRM_JOBS"] {
            guard ["on", "off"].contains(raw.lowercased()) else { throw Invalid(description: "CRM_JOBS must be on or off (got \"\(raw)\")") }
            config.runsJobs = raw.lowercased() == "on"
        }
        if let raw = environment["CRM_SENDMAIL"], !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            config.sendmail = SendmailCommand.parse(raw)
        }
        if let raw = environment["CRM_MAIL_FROM"], !raw.isEmpty {
            guard let address = EmailAddress(raw) else {
                throw Invalid(description: "CRM_MAIL_FROM must be an email address (got \"\(raw)\")")
            }
            config.mailFrom = address.value
        }
        if let raw = environment["CRM_PUBLIC_URL"], !raw.isEmpty {
            guard let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw Invalid(description: "CRM_PUBLIC_URL must be an http or https address such as https://crm.example.com (got \"\(raw)\")")
            }
            config.publicURL = raw.hasSuffix("/") ? String(raw.dropLast()) : raw
        }
        return config
    }
}
