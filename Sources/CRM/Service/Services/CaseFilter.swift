import CRMCore
import Fluent
import Vapor

/// Which cases a list shows. Active cases (new, open, waiting) come most urgent first, read in the order of the
/// queue indexes; any other status newest first.
struct CaseFilter {
    enum Assignee: Equatable {
        case person(UUID)
        /// In the department's queue, nobody's yet.
        case nobody
    }

    /// nil: active cases; `.some(nil)`: any status.
    var status: CaseStatus??
    var department: UUID?
    var assignee: Assignee?
    var account: UUID?
    var contact: UUID?
    var kind: CaseKind?

    init() {}

    init(_ request: Request) throws {
        department = try request.queryUUID("department")
        account = try request.queryUUID("account")
        contact = try request.queryUUID("contact")
        var errors: [String: String] = [:]
        if let raw = request.query[String.self, at: "status"], !raw.isEmpty, raw != "active" {
            if raw == "any" { status = .some(nil) } else if let status = CaseStatus(rawValue: raw) { self.status = .some(status) } else {
                errors["status"] = "must be active, any, or one of " + CaseStatus.allCases.map(\.rawValue).joined(separator: ", ")
            }
        }
        if let raw = request.query[String.self, at: "assignee"], !raw.isEmpty {
            if raw == "me" { assignee = .person(try request.user.requireID()) } else if raw == "none" { assignee = .nobody } else if let id = UUID(uuidString: raw) {
                assignee = .person(id)
            } else {
                errors["assignee"] = "must be a user's id, me or none"
            }
        }
        if let raw = request.query[String.self, at: "kind"], !raw.isEmpty {
            if let kind = CaseKind(rawValue: raw) { self.kind = kind } else { errors["kind"] = "must be one of " + CaseKind.allCases.map(\.rawValue).joined(separator: ", ") }
        }
        if !errors.isEmpty { throw APIError.badRequest("A parameter is not valid.", fields: errors) }
    }

    static let parameters: [APIOperation.Parameter] = [
        APIOperation.query("status", .string(enumeration: ["active", "any"] + CaseStatus.allCases.map(\.rawValue)), "Default active (new, open, waiting), most urgent first"),
        APIOperation.query("department", .uuid, "One department's cases"),
        APIOperation.query("assignee", .string(), "A user's id, me, or none (the department's queue)"),
        APIOperation.query("account", .uuid, "One account's cases"), APIOperation.query("contact", .uuid, "One contact's cases"),
        APIOperation.query("kind", .string(enumeration: CaseKind.allCases.map(\.rawValue)), "One kind of case"),
    ]

    var isActiveQueue: Bool { status == nil }

    /// The ids of one page (one more than the page, to know whether another follows).
    func ids(_ paging: PageRequest, on db: any Database) async throws -> [UUID] {
        let query = ServiceCase.query(on: db)
        switch status {
        case .none: query.filter(\.$active == true)
        case .some(.some(let status)): query.filter(\.$status == status.rawValue)
        case .some(.none): break
        }
        if let department { query.filter(\.$department.$id == department) }
        switch assignee {
        case .person(let id): query.filter(\.$assignee.$id == id)
        case .nobody: query.filter(\.$assignee.$id == nil)
        case nil: break
        }
        if let account { query.filter(\.$accountID == account) }
        if let contact { query.filter(\.$contactID == contact) }
        if let kind { query.filter(\.$kind == kind.rawValue) }
        return try await Keyset.ids(try Keyset.page(query, by: isActiveQueue ? "queue_at" : "created_at", descending: !isActiveQueue, paging: paging))
    }

    func page(_ paging: PageRequest, settings: ServiceSettings, now: Date, on db: any Database) async throws -> ListPage<CaseDTO> {
        let ids = try await ids(paging, on: db)
        return ListPage(items: try await CaseRows.dtos(ids: Array(ids.prefix(paging.limit)), settings: settings, now: now, on: db),
                        nextCursor: Keyset.nextCursor(ids, paging: paging))
    }
}
