import CRMCore
import Fluent
import Vapor

/// `/departments`, `/case-routing-rules` and `/service-settings`: read by everyone, changed by admins.
enum ServiceAdminAPIController {
    @Sendable static func departments(_ request: Request) async throws -> [Departments.Summary] {
        try await Departments(db: request.db).all()
    }

    @Sendable static func createDepartment(_ request: Request) async throws -> Response {
        try ServiceAdminPages.requireAdmin(request)
        let id = try await Departments(db: request.db).save(try request.decodeStrict(Departments.Input.self))
        return try await department(id, request, status: .created)
    }

    @Sendable static func updateDepartment(_ request: Request) async throws -> Response {
        try ServiceAdminPages.requireAdmin(request)
        let id = try await Departments(db: request.db).save(try request.decodeStrict(Departments.Input.self), id: try request.pathUUID("departmentID"))
        return try await department(id, request, status: .ok)
    }

    private static func department(_ id: UUID, _ request: Request, status: HTTPResponseStatus) async throws -> Response {
        guard let summary = try await Departments(db: request.db).all().first(where: { $0.id == id }) else { throw APIError.notFound("This department") }
        return try await summary.encodeResponse(status: status, for: request)
    }

    @Sendable static func rules(_ request: Request) async throws -> [Departments.RuleDTO] {
        try await Departments(db: request.db).rules()
    }

    @Sendable static func createRule(_ request: Request) async throws -> Response {
        try ServiceAdminPages.requireAdmin(request)
        let departments = Departments(db: request.db)
        let id = try await departments.addRule(try request.decodeStrict(Departments.RuleInput.self))
        guard let rule = try await departments.rules().first(where: { $0.id == id }) else { throw APIError.notFound("This rule") }
        return try await rule.encodeResponse(status: .created, for: request)
    }

    @Sendable static func deleteRule(_ request: Request) async throws -> HTTPStatus {
        try ServiceAdminPages.requireAdmin(request)
        try await Departments(db: request.db).deleteRule(try request.pathUUID("ruleID"))
        return .noContent
    }

    @Sendable static func settings(_ request: Request) async throws -> ServiceSettings.Input {
        try await ServiceSettings.load(request).input
    }

    @Sendable static func saveSettings(_ request: Request) async throws -> ServiceSettings.Input {
        try ServiceAdminPages.requireAdmin(request)
        return try await ServiceSettings.save(try request.decodeStrict(ServiceSettings.Input.self), on: request.db).input
    }

    static var operations: [APIOperation] {
        let department = APIOperation.pathParameter("departmentID", "The department's id")
        let rule = APIOperation.pathParameter("ruleID", "The rule's id")
        return [
            .init(method: .GET, path: "/departments", summary: "Departments with their manager and members", tag: "Service",
                  response: .array(.ref("Department")), errors: [401]),
            .init(method: .POST, path: "/departments", summary: "Add a department (admins)", tag: "Service", requestBody: .ref("DepartmentInput"),
                  successStatus: 201, response: .ref("Department"), errors: [400, 401, 403, 422]),
            .init(method: .PUT, path: "/departments/{departmentID}", summary: "Change a department, its manager and members (admins)", tag: "Service",
                  parameters: [department], requestBody: .ref("DepartmentInput"), response: .ref("Department"), errors: [400, 401, 403, 404, 422]),
            .init(method: .GET, path: "/case-routing-rules", summary: "Routing rules in their order: the first that matches a new case decides its department",
                  tag: "Service", response: .array(.ref("RoutingRule")), errors: [401]),
            .init(method: .POST, path: "/case-routing-rules", summary: "Add a routing rule at the end (admins)", tag: "Service",
                  requestBody: .ref("RoutingRuleInput"), successStatus: 201, response: .ref("RoutingRule"), errors: [400, 401, 403, 422]),
            .init(method: .DELETE, path: "/case-routing-rules/{ruleID}", summary: "Remove a routing rule (admins)", tag: "Service", parameters: [rule],
                  successStatus: 204, errors: [400, 401, 403, 404]),
            .init(method: .GET, path: "/reports/service", summary: "SLA compliance and times by month, priority, tier and department; backlog by age; satisfaction; complaints by product",
                  tag: "Service", parameters: [APIOperation.query("from", .string(), "First month YYYY-MM (cases opened); default eleven months ago"),
                                               APIOperation.query("to", .string(), "Last month YYYY-MM; default this month")],
                  response: .ref("ServiceReport"), errors: [400, 401]),
            .init(method: .GET, path: "/service-settings", summary: "Working hours, holidays, the at-risk share and SLA targets", tag: "Service",
                  response: .ref("ServiceSettings"), errors: [401]),
            .init(method: .PUT, path: "/service-settings", summary: "Replace the working hours, holidays, at-risk share and SLA targets (admins)",
                  tag: "Service", requestBody: .ref("ServiceSettings"), response: .ref("ServiceSettings"), errors: [400, 401, 403, 422]),
        ]
    }
}
