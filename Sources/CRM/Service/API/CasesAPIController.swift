import CRMCore
import Fluent
import Vapor

/// `/cases`: the service desk's cases as JSON; replies, notes, status moves and assignment as actions on a case.
enum CasesAPIController {
    @Sendable static func list(_ request: Request) async throws -> ListPage<CaseDTO> {
        let settings = try await ServiceSettings.load(request)
        return try await CaseFilter(request).page(try PageRequest(from: request), settings: settings, now: request.now, on: request.db)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let store = try await CaseStore.make(request)
        let item = try await store.open(try request.decodeStrict(CaseInput.self))
        return try await answer(item, store, status: .created)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let store = try await CaseStore.make(request)
        return try await answer(try await CaseStore.load(try request.pathUUID("caseID"), on: request.db), store)
    }

    @Sendable static func events(_ request: Request) async throws -> [CaseEventDTO] {
        let item = try await CaseStore.load(try request.pathUUID("caseID"), on: request.db)
        return try await CaseEvents.timeline(of: try item.requireID(), on: request.db)
    }

    @Sendable static func reply(_ request: Request) async throws -> Response {
        let (store, item) = try await workable(request)
        try await store.reply(item, try request.decodeStrict(CaseReplyInput.self), app: request.application)
        return try await answer(item, store)
    }

    @Sendable static func note(_ request: Request) async throws -> Response {
        let (store, item) = try await workable(request)
        try await store.note(item, try request.decodeStrict(CaseMessageInput.self))
        return try await answer(item, store)
    }

    @Sendable static func move(_ request: Request) async throws -> Response {
        let (store, item) = try await workable(request)
        try await store.move(item, try request.decodeStrict(CaseMoveInput.self))
        return try await answer(item, store)
    }

    @Sendable static func classify(_ request: Request) async throws -> Response {
        let (store, item) = try await workable(request)
        try await store.classify(item, try request.decodeStrict(CaseClassifyInput.self))
        return try await answer(item, store)
    }

    @Sendable static func assign(_ request: Request) async throws -> Response {
        let (store, item) = try await workable(request)
        try await store.assign(item, try request.decodeStrict(CaseAssignInput.self))
        return try await answer(item, store)
    }

    /// The case, if the signed-in user may work on it.
    static func workable(_ request: Request) async throws -> (CaseStore, ServiceCase) {
        let store = try await CaseStore.make(request)
        let item = try await CaseStore.load(try request.pathUUID("caseID"), on: request.db)
        try await store.requireWork(on: item)
        return (store, item)
    }

    private static func answer(_ item: ServiceCase, _ store: CaseStore, status: HTTPResponseStatus = .ok) async throws -> Response {
        let dto = try await CaseRows.dto(try item.requireID(), settings: store.settings, now: store.now, on: store.db)
        return try .json(dto, status: status, version: dto.version)
    }

    static var operations: [APIOperation] {
        let item = APIOperation.pathParameter("caseID", "The case's id")
        let action: [Int] = [400, 401, 403, 404, 409, 422]
        return [
            .init(method: .GET, path: "/cases", summary: "Cases: active ones most urgent first (by SLA deadline), others newest first", tag: "Service",
                  parameters: CaseFilter.parameters + APIOperation.pagingParameters,
                  response: .object([("items", .array(.ref("Case"))), ("nextCursor", .string())]), errors: [400, 401]),
            .init(method: .POST, path: "/cases", summary: "Open a case; routing rules choose the department unless given", tag: "Service",
                  requestBody: .ref("CaseInput"), successStatus: 201, response: .ref("Case"), errors: [400, 401, 409, 422]),
            .init(method: .GET, path: "/cases/{caseID}", summary: "One case with its SLA clocks", tag: "Service", parameters: [item],
                  response: .ref("Case"), errors: [400, 401, 404]),
            .init(method: .GET, path: "/cases/{caseID}/events", summary: "The case's timeline, oldest first (internal notes marked internal)", tag: "Service",
                  parameters: [item], response: .array(.ref("CaseEvent")), errors: [400, 401, 404]),
            .init(method: .POST, path: "/cases/{caseID}/replies", summary: "Reply to the customer by email (through the outbox) or record a call; meets the first-response target",
                  tag: "Service", parameters: [item], requestBody: .ref("CaseReplyInput"), response: .ref("Case"), errors: action),
            .init(method: .POST, path: "/cases/{caseID}/notes", summary: "An internal note, never shown to the customer", tag: "Service",
                  parameters: [item], requestBody: .ref("CaseMessageInput"), response: .ref("Case"), errors: action),
            .init(method: .POST, path: "/cases/{caseID}/status", summary: "Move a case: waiting pauses its clocks, resolving meets them, reopening needs a reason",
                  tag: "Service", parameters: [item], requestBody: .ref("CaseMoveInput"), response: .ref("Case"), errors: action),
            .init(method: .POST, path: "/cases/{caseID}/classify", summary: "Change a case's kind or priority (a new priority chooses its targets again)",
                  tag: "Service", parameters: [item], requestBody: .ref("CaseClassifyInput"), response: .ref("Case"), errors: action),
            .init(method: .POST, path: "/cases/{caseID}/assign", summary: "Give a case to a department and person (no person: the department's queue)",
                  tag: "Service", parameters: [item], requestBody: .ref("CaseAssignInput"), response: .ref("Case"), errors: action),
        ]
    }
}
