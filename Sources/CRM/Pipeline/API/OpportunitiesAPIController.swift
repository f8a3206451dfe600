import CRMCore
import Fluent
import SQLKit
import Vapor

/// `/api/v1/opportunities`, `/api/v1/pipelines`, the board and the forecast.
enum OpportunitiesAPIController {
    /// The filters of the deal list, shared with the list page.
    struct Filter {
        var pipeline: UUID?
        var stage: UUID?
        var owner: UUID?
        var account: UUID?
        var outcome: StageOutcome?
        var staleOnly = false

        init(_ request: Request) throws {
            pipeline = try request.queryUUID("pipeline")
            stage = try request.queryUUID("stage")
            owner = try request.queryUUID("owner")
            account = try request.queryUUID("account")
            if let raw = request.query[String.self, at: "outcome"], !raw.isEmpty {
                guard let outcome = StageOutcome(rawValue: raw) else {
                    throw APIError.badRequest("A parameter is not valid.", fields: ["outcome": "must be open, won or lost"])
                }
                self.outcome = outcome
            }
            staleOnly = request.query[String.self, at: "stale"] == "true"
        }

        /// Deals in close-date order, keyset-paged; stale ones only when asked.
        func page(on db: any Database, paging: PageRequest, now: Date, staleDays: Int) async throws -> ListPage<OpportunityDTO> {
            let query = Opportunity.query(on: db).with(\.$account).with(\.$stage).with(\.$owner)
                .with(\.$people) { $0.with(\.$contact) }.with(\.$competitors)
            if let pipeline { query.filter(\.$pipeline.$id == pipeline) }
            if let stage { query.filter(\.$stage.$id == stage) }
            if let owner { query.filter(\.$owner.$id == owner) }
            if let account { query.filter(\.$account.$id == account) }
            if let outcome { query.filter(\.$outcome == outcome.rawValue) }
            if staleOnly { query.onlyStale(now: now, staleDays: staleDays) }
            if let after = paging.after {
                guard let afterID = UUID(uuidString: after.id) else { throw APIError.badRequest("The cursor is not valid.", fields: ["cursor": "is not valid"]) }
                query.filter(.sql(embed: """
                    (\(ident: "opportunities").\(ident: "expected_close"), \(ident: "opportunities").\(ident: "id")) > \
                    (SELECT \(ident: "expected_close"), \(ident: "id") FROM \(ident: "opportunities") WHERE \(ident: "id") = \(bind: afterID))
                    """))
            }
            let rows = try await query.sort(\.$expectedClose).sort(\.$id).limit(paging.limit + 1).all()
            let todayDate = CalendarDate.today(at: now)
            return ListPage(rows: rows, limit: paging.limit, cursor: { PageCursor(key: "", id: $0.id!.uuidString) }) { deal in
                OpportunityDTO(deal, isStale: StageRules.isStale(outcome: StageOutcome(rawValue: deal.outcome) ?? .open,
                                                                 expectedClose: CalendarDate(deal.expectedClose), lastActivity: deal.lastActivityAt,
                                                                 today: todayDate, now: now, idleDays: staleDays))
            }
        }
    }

    static func dto(_ deal: Opportunity, request: Request) -> OpportunityDTO {
        OpportunityDTO(deal, isStale: StageRules.isStale(
            outcome: StageOutcome(rawValue: deal.outcome) ?? .open, expectedClose: CalendarDate(deal.expectedClose),
            lastActivity: deal.lastActivityAt, today: CalendarDate.today(at: request.now), now: request.now,
            idleDays: request.application.config.staleDays))
    }

    /// Lists deals with filters in close-date order.
    @Sendable static func list(_ request: Request) async throws -> ListPage<OpportunityDTO> {
        try await Filter(request).page(on: request.db, paging: try PageRequest(from: request), now: request.now,
                                       staleDays: request.application.config.staleDays)
    }

    /// Creates a deal in the given (or first open) stage; the first stage entry is recorded.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let deal = try await OpportunityStore(request).create(try request.decodeStrict(OpportunityInput.self))
        let dto = dto(try await OpportunityStore.load(deal.id, on: request.db), request: request)
        return try .json(dto, status: .created, version: dto.version)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let dto = dto(try await OpportunityStore.load(try request.pathUUID("opportunityID"), on: request.db), request: request)
        return try .json(dto, version: dto.version)
    }

    /// Changes the fields present (JSON Merge Patch, If-Match required); a new `stageId` moves the deal.
    @Sendable static func patch(_ request: Request) async throws -> Response {
        let store = try OpportunityStore(request)
        let deal = try await OpportunityStore.load(try request.pathUUID("opportunityID"), on: request.db)
        try store.requireEdit(deal)
        let expected = try request.expectedVersion()
        try await store.update(deal, with: try request.mergePatch(onto: dto(deal, request: request).input), expectedVersion: expected)
        let dto = dto(try await OpportunityStore.load(deal.id, on: request.db), request: request)
        return try .json(dto, version: dto.version)
    }

    struct MoveInput: Content {
        var stageId: UUID
        var closeReason: String?
    }

    /// Moves a deal to another stage of its pipeline; won and lost need `closeReason`.
    @Sendable static func move(_ request: Request) async throws -> Response {
        let deal = try await OpportunityStore.load(try request.pathUUID("opportunityID"), on: request.db)
        try OpportunityStore(request).requireEdit(deal)
        let input = try request.content.decode(MoveInput.self)
        try await OpportunityStore(request).move(deal, to: input.stageId, reason: input.closeReason)
        let dto = dto(try await OpportunityStore.load(deal.id, on: request.db), request: request)
        return try .json(dto, version: dto.version)
    }

    struct StageChangeDTO: Content, Equatable {
        let from: String?
        let to: String
        let user: UserRef?
        let changedAt: Date
    }

    /// Every stage the deal has been in, oldest first.
    @Sendable static func history(_ request: Request) async throws -> [StageChangeDTO] {
        let deal = try await OpportunityStore.load(try request.pathUUID("opportunityID"), on: request.db)
        return try await stageHistory(of: deal.requireID(), on: request.db)
    }

    static func stageHistory(of id: UUID, on db: any Database) async throws -> [StageChangeDTO] {
        try await StageChange.query(on: db).filter(\.$opportunity.$id == id).with(\.$fromStage).with(\.$toStage).with(\.$user)
            .sort(\.$changedAt).all()
            .map { StageChangeDTO(from: $0.fromStage?.name, to: $0.toStage.name, user: UserRef($0.user), changedAt: $0.changedAt) }
    }

    static var operations: [APIOperation] {
        let id = APIOperation.pathParameter("opportunityID", "The deal's id")
        let one = JSONSchema.ref("Opportunity")
        return [
            .init(method: .GET, path: "/opportunities", summary: "List deals in close-date order", tag: "Pipeline",
                  parameters: APIOperation.pagingParameters + [
                    APIOperation.query("pipeline", .uuid, "Only this pipeline"), APIOperation.query("stage", .uuid, "Only this stage"),
                    APIOperation.query("owner", .uuid, "Only this owner's deals"), APIOperation.query("account", .uuid, "Only this account's deals"),
                    APIOperation.query("outcome", .string(enumeration: StageOutcome.allCases.map(\.rawValue)), "open, won or lost"),
                    APIOperation.query("stale", .boolean, "true: only open deals past their close date or idle too long")],
                  response: .object([("items", .array(one)), ("nextCursor", .nullable(.string()))], required: ["items"])),
            .init(method: .POST, path: "/opportunities", summary: "Create a deal", tag: "Pipeline",
                  requestBody: .ref("OpportunityInput"), successStatus: 201, response: one, errors: [401, 403, 422]),
            .init(method: .GET, path: "/opportunities/{opportunityID}", summary: "One deal (ETag: its version)", tag: "Pipeline",
                  parameters: [id], response: one, errors: [401, 404]),
            .init(method: .PATCH, path: "/opportunities/{opportunityID}", summary: "Change a deal (JSON Merge Patch, If-Match required)", tag: "Pipeline",
                  parameters: [id], requestBody: .ref("OpportunityInput"), response: one, errors: [401, 403, 404, 409, 422, 428]),
            .init(method: .POST, path: "/opportunities/{opportunityID}/move", summary: "Move a deal to another stage", tag: "Pipeline",
                  parameters: [id], requestBody: .object([("stageId", .uuid), ("closeReason", .string(description: "Required for won and lost"))], required: ["stageId"]),
                  response: one, errors: [401, 403, 404, 422]),
            .init(method: .GET, path: "/opportunities/{opportunityID}/history", summary: "The deal's stage history", tag: "Pipeline",
                  parameters: [id], response: .array(.object([("from", .nullable(.string())), ("to", .string()), ("user", .nullable(.ref("UserRef"))), ("changedAt", .dateTime)])),
                  errors: [401, 404]),
        ]
    }
}
