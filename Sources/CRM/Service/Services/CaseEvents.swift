import CRMCore
import Fluent
import SQLKit
import Vapor

/// What a case's timeline records.
enum CaseEventKind: String, CaseIterable, Codable, Sendable {
    case created, reply, note, emailIn = "email_in", status, reopened, assigned, classified, sla, survey

    var label: String {
        switch self {
        case .created: "Opened"
        case .reply: "Reply to customer"
        case .note: "Internal note"
        case .emailIn: "Email from customer"
        case .status: "Status"
        case .reopened: "Reopened"
        case .assigned: "Assigned"
        case .classified: "Reclassified"
        case .sla: "SLA"
        case .survey: "Satisfaction"
        }
    }

    /// Internal notes and SLA warnings are for colleagues only.
    var isInternal: Bool { self == .note || self == .sla }
}

/// A case's timeline as pages and the API show it, read in one statement with the names of the people.
struct CaseEventDTO: Content, Equatable {
    let id: UUID
    let kind: String
    let body: String?
    let from: String?
    let to: String?
    let isInternal: Bool
    let actor: UserRef?
    let at: Date

    static let schema = JSONSchema.object([
        ("id", .uuid), ("kind", .string(enumeration: CaseEventKind.allCases.map(\.rawValue))), ("body", .nullable(.string())),
        ("from", .nullable(.string())), ("to", .nullable(.string())), ("isInternal", .boolean), ("actor", .nullable(UserRef.schema)), ("at", .dateTime),
    ], required: ["id", "kind", "isInternal", "at"])
}

enum CaseEvents {
    /// The SLA warnings already recorded for a case.
    static func marks(of caseID: UUID, on db: any Database) async throws -> Set<String> {
        let rows = try await db.sql.select().column("sla_mark").from(CaseEvent.schema).where("case_id", .equal, SQLBind(caseID))
            .where("sla_mark", .isNot, SQLLiteral.null).all()
        return Set(try rows.map { try $0.decode(column: "sla_mark", as: String.self) })
    }

    /// The SLA warnings of many cases, for the watch: one statement.
    static func marks(of caseIDs: [UUID], on db: any Database) async throws -> [UUID: Set<String>] {
        guard !caseIDs.isEmpty else { return [:] }
        let rows = try await db.sql.select().columns("case_id", "sla_mark").from(CaseEvent.schema).where("case_id", .in, SQLBind.group(caseIDs))
            .where("sla_mark", .isNot, SQLLiteral.null).all()
        var marks: [UUID: Set<String>] = [:]
        for row in rows { marks[try row.decode(column: "case_id", as: UUID.self), default: []].insert(try row.decode(column: "sla_mark", as: String.self)) }
        return marks
    }

    /// A case's timeline, oldest first.
    static func timeline(of caseID: UUID, on db: any Database) async throws -> [CaseEventDTO] {
        struct Row: Decodable {
            let id: UUID
            let kind: String
            let body: String?
            let from_value: String?
            let to_value: String?
            let actor_id: UUID?
            let actor_name: String?
            let at: Date
        }
        let rows = try await db.sql.raw("""
            SELECT e.id, e.kind, e.body, e.from_value, e.to_value, e.actor_id, u.name AS actor_name, e.at
            FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
            WHERE e.case_id = \(bind: caseID) ORDER BY e.at, e.id
            """).all(decoding: Row.self)
        return rows.map { row in
            CaseEventDTO(id: row.id, kind: row.kind, body: row.body, from: row.from_value, to: row.to_value,
                         isInternal: CaseEventKind(rawValue: row.kind)?.isInternal ?? true,
                         actor: row.actor_id.map { UserRef(id: $0, name: row.actor_name ?? "") }, at: row.at)
        }
    }
}
