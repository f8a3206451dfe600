import CRMCore
import Fluent
import SQLKit
import Vapor

/// A case as lists, cards and the API show it, with its SLA clocks read at the moment of asking.
struct CaseDTO: Content, Equatable {
    struct Clock: Content, Equatable {
        let targetMinutes: Int
        let usedMinutes: Int
        /// Negative once breached.
        let remainingMinutes: Int
        /// While the clock runs.
        let dueAt: Date?
        /// `on track`, `at risk`, `breached`, `paused`, `met`, `met late`.
        let standing: String

        static let schema = JSONSchema.object([
            ("targetMinutes", .integer()), ("usedMinutes", .integer()), ("remainingMinutes", .integer()), ("dueAt", .nullable(.dateTime)),
            ("standing", .string(enumeration: SLAClock.Standing.allCases.map(\.rawValue))),
        ], required: ["targetMinutes", "usedMinutes", "remainingMinutes", "standing"])
    }

    let id: UUID
    let number: Int
    let reference: String
    let kind: String
    let status: String
    let priority: String
    let channel: String
    let subject: String
    let description: String?
    let account: RecordRef?
    let contact: RecordRef?
    let product: RecordRef?
    let order: RecordRef?
    let department: RecordRef
    let assignee: UserRef?
    let tier: String?
    let firstResponse: Clock
    let resolution: Clock
    let reopened: Int
    let resolvedAt: Date?
    let closedAt: Date?
    /// Nobody for a case opened by mail.
    let createdBy: UserRef?
    let createdAt: Date
    let updatedAt: Date
    let version: Int

    var isActive: Bool { CaseStatus(rawValue: status)?.isActive ?? false }

    static let schema = JSONSchema.object([
        ("id", .uuid), ("number", .integer()), ("reference", .string()), ("kind", .string(enumeration: CaseKind.allCases.map(\.rawValue))),
        ("status", .string(enumeration: CaseStatus.allCases.map(\.rawValue))), ("priority", .string(enumeration: CasePriority.allCases.map(\.rawValue))),
        ("channel", .string(enumeration: CaseChannel.allCases.map(\.rawValue))), ("subject", .string()), ("description", .nullable(.string())),
        ("account", .nullable(RecordRef.schema)), ("contact", .nullable(RecordRef.schema)), ("product", .nullable(RecordRef.schema)),
        ("order", .nullable(RecordRef.schema)), ("department", RecordRef.schema), ("assignee", .nullable(UserRef.schema)), ("tier", .nullable(.string())),
        ("firstResponse", Clock.schema), ("resolution", Clock.schema), ("reopened", .integer()), ("resolvedAt", .nullable(.dateTime)),
        ("closedAt", .nullable(.dateTime)), ("createdBy", .nullable(UserRef.schema)), ("createdAt", .dateTime), ("updatedAt", .dateTime), ("version", .integer()),
    ], required: ["id", "number", "reference", "kind", "status", "priority", "channel", "subject", "department", "firstResponse", "resolution",
                  "reopened", "createdAt", "updatedAt", "version"])
}

/// Cases read without models: one statement for the rows, then one per kind of name shown, however many rows.
enum CaseRows {
    /// Named as the columns are, so no key conversion runs per column.
    private struct Row: Decodable {
        let id: UUID
        let number: Int
        let kind: String
        let status: String
        let priority: String
        let channel: String
        let subject: String
        let description: String?
        let account_id: UUID?
        let contact_id: UUID?
        let product_id: UUID?
        let order_id: UUID?
        let department_id: UUID
        let assignee_id: UUID?
        let tier: String?
        let first_response_target: Int
        let first_response_used: Int
        let first_response_since: Date?
        let first_response_met_at: Date?
        let resolution_target: Int
        let resolution_used: Int
        let resolution_since: Date?
        let resolution_met_at: Date?
        let reopened: Int
        let resolved_at: Date?
        let closed_at: Date?
        let created_by_id: UUID?
        let created_at: Date
        let updated_at: Date
        let version: Int
    }

    static let columns = ["id", "number", "kind", "status", "priority", "channel", "subject", "description", "account_id", "contact_id", "product_id",
                          "order_id", "department_id", "assignee_id", "tier", "first_response_target", "first_response_used", "first_response_since",
                          "first_response_met_at", "resolution_target", "resolution_used", "resolution_since", "resolution_met_at", "reopened",
                          "resolved_at", "closed_at", "created_by_id", "created_at", "updated_at", "version"]

    /// The cases of `ids`, in that order.
    static func dtos(ids: [UUID], settings: ServiceSettings, now: Date, on db: any Database) async throws -> [CaseDTO] {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.sql.select().columns(columns.map { SQLColumn($0) }).from(ServiceCase.schema).where("id", .in, SQLBind.group(ids))
            .all(decoding: Row.self)
        async let peopleRead = UserDirectory.names(of: Set(rows.flatMap { [$0.created_by_id, $0.assignee_id].compactMap { $0 } }), on: db)
        async let customersRead = CustomerDirectory(db: db).names(accounts: Set(rows.compactMap(\.account_id)), contacts: Set(rows.compactMap(\.contact_id)))
        async let productsRead = SalesDirectory(db: db).products(Set(rows.compactMap(\.product_id)))
        async let ordersRead = SalesDirectory(db: db).orderLabels(Set(rows.compactMap(\.order_id)))
        async let departmentsRead = Departments(db: db).names()
        let (people, customers, products, orders, departments) = try await (peopleRead, customersRead, productsRead, ordersRead, departmentsRead)
        let productNames = Dictionary(products.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func person(_ id: UUID) -> UserRef { UserRef(id: id, name: people[id] ?? "") }
        func clock(_ target: Int, _ used: Int, _ since: Date?, _ met: Date?) -> CaseDTO.Clock {
            let clock = SLAClock(target: TimeInterval(target), used: TimeInterval(used), runningSince: since, metAt: met)
            let usedNow = clock.used(at: now, in: settings.calendar)
            return .init(targetMinutes: target / 60, usedMinutes: Int(usedNow / 60), remainingMinutes: Int(((TimeInterval(target) - usedNow) / 60).rounded(.down)),
                         dueAt: clock.deadline(in: settings.calendar), standing: clock.standing(at: now, riskShare: settings.riskShare, in: settings.calendar).rawValue)
        }
        let byID = Dictionary(rows.map { row in
            (row.id, CaseDTO(
                id: row.id, number: row.number, reference: ServiceCase.reference(row.number), kind: row.kind, status: row.status, priority: row.priority, channel: row.channel,
                subject: row.subject, description: row.description,
                account: row.account_id.map { RecordRef(id: $0, name: customers.accounts[$0] ?? "") },
                contact: row.contact_id.map { RecordRef(id: $0, name: customers.contact($0)) },
                product: row.product_id.map { RecordRef(id: $0, name: productNames[$0] ?? "") },
                order: row.order_id.map { RecordRef(id: $0, name: orders[$0] ?? "") },
                department: RecordRef(id: row.department_id, name: departments[row.department_id] ?? ""), assignee: row.assignee_id.map(person), tier: row.tier,
                firstResponse: clock(row.first_response_target, row.first_response_used, row.first_response_since, row.first_response_met_at),
                resolution: clock(row.resolution_target, row.resolution_used, row.resolution_since, row.resolution_met_at),
                reopened: row.reopened, resolvedAt: row.resolved_at, closedAt: row.closed_at, createdBy: row.created_by_id.map(person),
                createdAt: row.created_at, updatedAt: row.updated_at, version: row.version))
        }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    static func dto(_ id: UUID, settings: ServiceSettings, now: Date, on db: any Database) async throws -> CaseDTO {
        guard let dto = try await dtos(ids: [id], settings: settings, now: now, on: db).first else { throw APIError.notFound("This case") }
        return dto
    }
}
