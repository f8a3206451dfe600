import CRMCore
import Fluent
import SQLKit
import Vapor

/// Who is calling: everyone whose phone number is the given one, found with one indexed query.
struct CallerLookup {
    struct Match: Content, Equatable {
        /// `contact` or `account`.
        let type: String
        let id: UUID
        let name: String
        let title: String?
        let account: AccountRef?
        let owner: UserRef?
        /// The label of the matched number: work, mobile, …
        let matchedLabel: String
        /// The business of the account (the contact's account): tier, open orders, balance.
        var sales: AccountSales?
    }

    struct Result: Content {
        let phone: String
        let matches: [Match]
    }

    let db: any Database
    /// For what is overdue today.
    var now = Date()

    /// `withSales`: the API answers each caller's brief sales summary; the caller screen gets it from Sales itself.
    func find(_ number: PhoneNumber, withSales: Bool = true) async throws -> Result {
        let sql = db.sql
        let rows = try await sql.raw("""
            SELECT cp.label, cp.contact_id, cp.account_id,
                   c.display_name, c.title, c.archived_at AS contact_archived_at,
                   ca.id AS contact_account_id, ca.name AS contact_account_name,
                   a.name AS account_name, a.archived_at AS account_archived_at,
                   COALESCE(cu.id, au.id) AS owner_id, COALESCE(cu.name, au.name) AS owner_name
            FROM contact_points cp
            LEFT JOIN contacts c ON c.id = cp.contact_id
            LEFT JOIN accounts ca ON ca.id = c.account_id
            LEFT JOIN accounts a ON a.id = cp.account_id
            LEFT JOIN users cu ON cu.id = c.owner_id
            LEFT JOIN users au ON au.id = a.owner_id
            WHERE cp.kind = 'phone' AND cp.normalized = \(bind: number.e164)
            ORDER BY c.display_name, a.name
            """).all()
        var matches: [Match] = []
        for row in rows {
            let owner = try row.decodeNil(column: "owner_id") ? nil
                : UserRef(id: try row.decode(column: "owner_id", as: UUID.self), name: try row.decode(column: "owner_name", as: String.self))
            if let contactID = try row.decode(column: "contact_id", as: UUID?.self) {
                guard try row.decodeNil(column: "contact_archived_at") else { continue }
                let account = try row.decode(column: "contact_account_id", as: UUID?.self).map {
                    AccountRef(id: $0, name: try row.decode(column: "contact_account_name", as: String.self))
                }
                matches.append(Match(type: "contact", id: contactID, name: try row.decode(column: "display_name", as: String.self),
                                     title: try row.decode(column: "title", as: String?.self), account: account, owner: owner,
                                     matchedLabel: try row.decode(column: "label", as: String.self)))
            } else if let accountID = try row.decode(column: "account_id", as: UUID?.self) {
                guard try row.decodeNil(column: "account_archived_at") else { continue }
                matches.append(Match(type: "account", id: accountID, name: try row.decode(column: "account_name", as: String.self),
                                     title: nil, account: nil, owner: owner, matchedLabel: try row.decode(column: "label", as: String.self)))
            }
        }
        guard withSales else { return Result(phone: number.e164, matches: matches) }
        // Few callers share a number; each distinct account's sales come from its own indexed queries.
        var salesByAccount: [UUID: AccountSales] = [:]
        let today = CalendarDate.today(at: now)
        for index in matches.indices {
            guard let accountID = matches[index].type == "account" ? matches[index].id : matches[index].account?.id else { continue }
            if salesByAccount[accountID] == nil, salesByAccount.count < 5 {
                salesByAccount[accountID] = try await AccountSales.load(accountID: accountID, today: today, brief: true, on: db)
            }
            matches[index].sales = salesByAccount[accountID]
        }
        return Result(phone: number.e164, matches: matches)
    }

    static let schema = JSONSchema.object([
        ("phone", .string(description: "The number in E.164")),
        ("matches", .array(.object([
            ("type", .string(enumeration: ["contact", "account"])), ("id", .uuid), ("name", .string()),
            ("title", .nullable(.string())), ("account", .nullable(.ref("AccountRef"))), ("owner", .nullable(.ref("UserRef"))),
            ("matchedLabel", .string()), ("sales", .nullable(.ref("AccountSales"))),
        ], required: ["type", "id", "name", "matchedLabel"]))),
    ], required: ["phone", "matches"])
}
