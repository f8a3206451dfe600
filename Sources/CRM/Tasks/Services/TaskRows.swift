import CRMCore
import Fluent
import SQLKit
import Vapor

/// Tasks as lists, cards and *my day* show them, read without models: one statement for the rows and one per
/// kind of name shown (people, customers, deals, orders), however many rows.
struct TaskDTO: Content, Equatable {
    let id: UUID
    let title: String
    let notes: String?
    let kind: String
    let priority: String
    let status: String
    let dueOn: String
    let dueTime: String?
    let dueAt: Date
    let assignee: UserRef
    let account: RecordRef?
    let contact: RecordRef?
    let deal: RecordRef?
    let order: RecordRef?
    let outcome: String?
    let doneAt: Date?
    let doneBy: UserRef?
    let interactionId: UUID?
    let sourceInteractionId: UUID?
    let createdBy: UserRef
    let createdAt: Date
    let updatedAt: Date
    let version: Int

    var input: TaskInput {
        var input = TaskInput()
        input.title = title
        input.notes = notes
        input.kind = kind
        input.priority = priority
        input.dueOn = dueOn
        input.dueTime = dueTime
        input.assigneeId = assignee.id
        input.accountId = account?.id
        input.contactId = contact?.id
        input.dealId = deal?.id
        input.orderId = order?.id
        return input
    }

    var isOpen: Bool { status == TaskStatus.open.rawValue }

    static let schema = JSONSchema.object([
        ("id", .uuid), ("title", .string()), ("notes", .nullable(.string())), ("kind", .string(enumeration: TaskKind.allCases.map(\.rawValue))),
        ("priority", .string(enumeration: TaskPriority.allCases.map(\.rawValue))), ("status", .string(enumeration: TaskStatus.allCases.map(\.rawValue))),
        ("dueOn", .string(format: "date")), ("dueTime", .nullable(.string())), ("dueAt", .dateTime), ("assignee", UserRef.schema),
        ("account", .nullable(RecordRef.schema)), ("contact", .nullable(RecordRef.schema)), ("deal", .nullable(RecordRef.schema)), ("order", .nullable(RecordRef.schema)),
        ("outcome", .nullable(.string())), ("doneAt", .nullable(.dateTime)), ("doneBy", .nullable(UserRef.schema)),
        ("interactionId", .nullable(.uuid)), ("sourceInteractionId", .nullable(.uuid)), ("createdBy", UserRef.schema),
        ("createdAt", .dateTime), ("updatedAt", .dateTime), ("version", .integer()),
    ], required: ["id", "title", "kind", "priority", "status", "dueOn", "dueAt", "assignee", "createdBy", "createdAt", "updatedAt", "version"])
}

enum TaskRows {
    /// Named as the columns are: a key strategy converting each name costs more than the rest of the decoding.
    private struct Row: Decodable {
        let id: UUID
        let title: String
        let notes: String?
        let kind: String
        let priority: String
        let status: String
        let due_on: String
        let due_time: String?
        let due_at: Date
        let assignee_id: UUID
        let account_id: UUID?
        let contact_id: UUID?
        let deal_id: UUID?
        let order_id: UUID?
        let outcome: String?
        let done_at: Date?
        let done_by_id: UUID?
        let interaction_id: UUID?
        let source_interaction_id: UUID?
        let created_by_id: UUID
        let created_at: Date
        let updated_at: Date
        let version: Int
    }

    static let columns = ["id", "title", "notes", "kind", "priority", "status", "due_on", "due_time", "due_at", "assignee_id", "account_id",
                          "contact_id", "deal_id", "order_id", "outcome", "done_at", "done_by_id", "interaction_id", "source_interaction_id",
                          "created_by_id", "created_at", "updated_at", "version"]

    /// A select of the task columns, for the caller to filter, order and limit.
    static func select(on db: any Database) -> SQLSelectBuilder {
        db.sql.select().columns(columns.map { SQLColumn($0) }).from(TaskItem.schema)
    }

    static func dtos(_ query: SQLSelectBuilder, on db: any Database) async throws -> [TaskDTO] {
        try await dtos(try await query.all(decoding: Row.self), on: db)
    }

    /// The rows of a hand-written statement selecting `columns`.
    static func dtos(raw statement: SQLQueryString, on db: any Database) async throws -> [TaskDTO] {
        try await dtos(try await db.sql.raw(statement).all(decoding: Row.self), on: db)
    }

    private static func dtos(_ rows: [Row], on db: any Database) async throws -> [TaskDTO] {
        guard !rows.isEmpty else { return [] }
        // The names are read side by side: on PostgreSQL each lookup is a round trip of its own.
        async let peopleRead = UserDirectory.names(of: Set(rows.flatMap { [$0.assignee_id, $0.created_by_id] + [$0.done_by_id].compactMap { $0 } }), on: db)
        async let customersRead = CustomerDirectory(db: db).names(accounts: Set(rows.compactMap(\.account_id)), contacts: Set(rows.compactMap(\.contact_id)))
        async let dealsRead = DealDirectory(db: db).names(Set(rows.compactMap(\.deal_id)))
        async let ordersRead = SalesDirectory(db: db).orderLabels(Set(rows.compactMap(\.order_id)))
        let (people, customers, deals, orders) = try await (peopleRead, customersRead, dealsRead, ordersRead)
        func person(_ id: UUID) -> UserRef { UserRef(id: id, name: people[id] ?? "") }
        return rows.map { row in
            TaskDTO(id: row.id, title: row.title, notes: row.notes, kind: row.kind, priority: row.priority, status: row.status, dueOn: row.due_on,
                    dueTime: row.due_time, dueAt: row.due_at, assignee: person(row.assignee_id),
                    account: row.account_id.map { .init(id: $0, name: customers.accounts[$0] ?? "") },
                    contact: row.contact_id.map { .init(id: $0, name: customers.contact($0)) },
                    deal: row.deal_id.map { .init(id: $0, name: deals[$0] ?? "") },
                    order: row.order_id.map { .init(id: $0, name: orders[$0] ?? "") },
                    outcome: row.outcome, doneAt: row.done_at, doneBy: row.done_by_id.map(person), interactionId: row.interaction_id,
                    sourceInteractionId: row.source_interaction_id, createdBy: person(row.created_by_id), createdAt: row.created_at,
                    updatedAt: row.updated_at, version: row.version)
        }
    }

    /// The tasks of `ids`, in that order.
    static func dtos(ids: [UUID], on db: any Database) async throws -> [TaskDTO] {
        guard !ids.isEmpty else { return [] }
        let found = Dictionary(try await dtos(select(on: db).where("id", .in, SQLBind.group(ids)), on: db).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { found[$0] }
    }

    static func dto(_ id: UUID, on db: any Database) async throws -> TaskDTO {
        guard let dto = try await dtos(select(on: db).where("id", .equal, SQLBind(id)), on: db).first else { throw APIError.notFound("This task") }
        return dto
    }

    /// Open tasks about one customer or deal, soonest due first.
    static func open(about subject: SQLColumn, _ id: UUID, limit: Int, on db: any Database) async throws -> [TaskDTO] {
        try await dtos(select(on: db).where(subject, .equal, SQLBind(id)).where("status", .equal, SQLBind(TaskStatus.open.rawValue))
            .orderBy("due_at").limit(limit), on: db)
    }
}
