import CRMCore
import Fluent
import Vapor

/// `/revisit-plans`: read by everyone, planned by managers and admins.
enum RevisitPlansAPIController {
    @Sendable static func list(_ request: Request) async throws -> [RevisitPlans.DTO] {
        try await RevisitPlans(db: request.db, now: request.now).all(today: RevisitPlans.today(request))
    }

    @Sendable static func show(_ request: Request) async throws -> RevisitPlans.DTO {
        let plans = RevisitPlans(db: request.db, now: request.now)
        return try await plans.dto(try await plans.require(try request.pathUUID("planID")), today: RevisitPlans.today(request))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let plans = RevisitPlans(db: request.db, now: request.now)
        let plan = try await plans.save(try request.decodeStrict(RevisitPlans.Input.self), app: request.application)
        return try await plans.dto(plan, today: RevisitPlans.today(request)).encodeResponse(status: .created, for: request)
    }

    @Sendable static func update(_ request: Request) async throws -> RevisitPlans.DTO {
        try RevisitPlans.requirePlanner(request)
        let plans = RevisitPlans(db: request.db, now: request.now)
        let plan = try await plans.require(try request.pathUUID("planID"))
        return try await plans.dto(try await plans.save(try request.decodeStrict(RevisitPlans.Input.self), plan: plan, app: request.application),
                                   today: RevisitPlans.today(request))
    }

    @Sendable static func delete(_ request: Request) async throws -> HTTPStatus {
        try RevisitPlans.requirePlanner(request)
        let plans = RevisitPlans(db: request.db, now: request.now)
        try await plans.delete(try await plans.require(try request.pathUUID("planID")))
        return .noContent
    }

    @Sendable static func overdue(_ request: Request) async throws -> [RevisitPlans.Overdue] {
        let plans = RevisitPlans(db: request.db, now: request.now)
        return try await plans.overdue(try await plans.require(try request.pathUUID("planID")), today: RevisitPlans.today(request))
    }

    static var operations: [APIOperation] {
        let plan = APIOperation.pathParameter("planID", "The revisit plan's id")
        return [
            .init(method: .GET, path: "/revisit-plans", summary: "Revisit plans with what their tasks came to", tag: "Loyalty",
                  response: .array(.ref("RevisitPlan")), errors: [401]),
            .init(method: .POST, path: "/revisit-plans", summary: "Plan revisits for a tier, a tag or one account (managers); its tasks are opened at once",
                  tag: "Loyalty", requestBody: .ref("RevisitPlanInput"), successStatus: 201, response: .ref("RevisitPlan"), errors: [400, 401, 403, 422]),
            .init(method: .GET, path: "/revisit-plans/{planID}", summary: "One revisit plan and its results", tag: "Loyalty", parameters: [plan],
                  response: .ref("RevisitPlan"), errors: [400, 401, 404]),
            .init(method: .PUT, path: "/revisit-plans/{planID}", summary: "Change a revisit plan (managers); `active: false` pauses it and cancels its open tasks",
                  tag: "Loyalty", parameters: [plan], requestBody: .ref("RevisitPlanInput"), response: .ref("RevisitPlan"), errors: [400, 401, 403, 404, 422]),
            .init(method: .DELETE, path: "/revisit-plans/{planID}", summary: "Remove a revisit plan (managers); its open tasks are cancelled", tag: "Loyalty",
                  parameters: [plan], successStatus: 204, errors: [400, 401, 403, 404]),
            .init(method: .GET, path: "/revisit-plans/{planID}/overdue", summary: "The plan's accounts past their visit or call, most overdue first",
                  tag: "Loyalty", parameters: [plan], response: .array(.ref("RevisitOverdue")), errors: [400, 401, 404]),
        ]
    }
}
