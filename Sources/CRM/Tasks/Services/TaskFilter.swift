import CRMCore
import Fluent
import Vapor

/// Which tasks a list shows: `assignee`, `status` (default open), `account`, `contact`, `deal`; soonest due first.
struct TaskFilter {
    var assignee: UUID?
    var status: TaskStatus? = .open
    var account: UUID?
    var contact: UUID?
    var deal: UUID?

    init() {}

    init(_ request: Request) throws {
        assignee = try request.queryUUID("assignee")
        account = try request.queryUUID("account")
        contact = try request.queryUUID("contact")
        deal = try request.queryUUID("deal")
        if let raw = request.query[String.self, at: "status"], !raw.isEmpty {
            guard raw == "any" || TaskStatus(rawValue: raw) != nil else {
                throw APIError.badRequest("A parameter is not valid.", fields: ["status": "must be open, done, cancelled or any"])
            }
            status = TaskStatus(rawValue: raw)
        }
    }

    static let parameters: [APIOperation.Parameter] = [
        APIOperation.query("assignee", .uuid, "Only this person's tasks"),
        APIOperation.query("status", .string(enumeration: TaskStatus.allCases.map(\.rawValue) + ["any"]), "Default open"),
        APIOperation.query("account", .uuid, "Only tasks about this account"), APIOperation.query("contact", .uuid, "Only tasks about this contact"),
        APIOperation.query("deal", .uuid, "Only tasks about this deal"),
    ]

    /// One page, as DTOs: the ids through the shared keyset paging, then the rows with their names.
    func page(_ paging: PageRequest, on db: any Database) async throws -> ListPage<TaskDTO> {
        let query = TaskItem.query(on: db)
        if let assignee { query.filter(\.$assignee.$id == assignee) }
        if let status { query.filter(\.$status == status.rawValue) }
        if let account { query.filter(\.$accountID == account) }
        if let contact { query.filter(\.$contactID == contact) }
        if let deal { query.filter(\.$dealID == deal) }
        let ids = try await Keyset.ids(try Keyset.page(query, by: "due_at", paging: paging))
        return ListPage(items: try await TaskRows.dtos(ids: Array(ids.prefix(paging.limit)), on: db), nextCursor: Keyset.nextCursor(ids, paging: paging))
    }
}
