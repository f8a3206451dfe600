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

        /// The account the caller belongs to: their own, or the contact's.
        var accountID: UUID? { type == "account" ? id : account?.id }
    }

    struct Result: Content {
        let phone: String
        let matches: [Match]
    }

    let db: any Database
    /// For what is overdue today.
    var now = Date()

    func find(_ number: PhoneNumber) async throws -> Result {
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
        return Result(phone: number.e164, matches: matches)
    }
}

/// The lookup API's answer: each caller with what the other areas add about their account (`Contributions.callerDetails`).
struct CallerAnswer: Encodable {
    struct Caller: Encodable {
        let match: CallerLookup.Match
        let details: [String: any Encodable & Sendable]

        func encode(to encoder: any Encoder) throws {
            try match.encode(to: encoder)
            var container = encoder.container(keyedBy: DetailKey.self)
            for (key, value) in details { try container.encode(value, forKey: DetailKey(key)) }
        }
    }

    struct DetailKey: CodingKey {
        let stringValue: String
        init(_ key: String) { stringValue = key }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    let phone: String
    let matches: [Caller]

    /// Few callers share a number; the details of at most five distinct accounts are loaded, each once.
    static func of(_ result: CallerLookup.Result, _ request: Request) async throws -> CallerAnswer {
        let contributed = request.application.contributions.callerDetails
        var byAccount: [UUID: [String: any Encodable & Sendable]] = [:]
        var callers: [Caller] = []
        for match in result.matches {
            if let accountID = match.accountID, byAccount[accountID] == nil, byAccount.count < 5 {
                var details: [String: any Encodable & Sendable] = [:]
                for detail in contributed { details[detail.key] = try await detail.load(accountID, request) }
                byAccount[accountID] = details
            }
            callers.append(Caller(match: match, details: match.accountID.flatMap { byAccount[$0] } ?? [:]))
        }
        return CallerAnswer(phone: result.phone, matches: callers)
    }

    static var schema: JSONSchema {
        .object([
            ("phone", .string(description: "The number in E.164")),
            ("matches", .array(.object([
                ("type", .string(enumeration: ["contact", "account"])), ("id", .uuid), ("name", .string()),
                ("title", .nullable(.string())), ("account", .nullable(.ref("AccountRef"))), ("owner", .nullable(.ref("UserRef"))),
                ("matchedLabel", .string()),
            ] + Areas.contributions.callerDetails.map { ($0.key, $0.schema) }, required: ["type", "id", "name", "matchedLabel"]))),
        ], required: ["phone", "matches"])
    }
}
