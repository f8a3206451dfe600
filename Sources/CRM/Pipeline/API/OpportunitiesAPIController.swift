import CRMCore
import Fluent
import SQLKit
import Vapor

/// `/api/v1/opportunities`, `/api/v1/pipelines`, the board and the forecast.
enum OpportunitiesAPIController {
    /// Lists deals with filters in close-date order.
    @Sendable static func list(_ request: Request) async throws -> ListPage<OpportunityDTO> {
        try await DealFilter(request).page(on: request.db, paging: try PageRequest(from: request), now: request.now,
                                       staleDays: request.application.config.staleDays)
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
        let dto = try await OpportunityDTO.of(try await OpportunityStore.load(deal.id, on: request.db), request: request)
        return try .json(dto, version: dto.version)
    }

    /// Every stage the deal has been in, oldest first.
    @Sendable static func history(_ request: Request) async throws -> [StageHistory.Change] {
        let deal = try await OpportunityStore.load(try request.pathUUID("opportunityID"), on: request.db)
        return try await StageHistory.of(deal.requireID(), on: request.db)
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
