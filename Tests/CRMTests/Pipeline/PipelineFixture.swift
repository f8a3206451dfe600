import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import CRM

/// A signed-in API client, a customer account and the default pipeline's stages by name, at a fixed time.
struct PipelineFixture {
    let api: APIClient
    let user: User
    let account: AccountDTO
    let stages: [String: UUID]
    let pipelineID: UUID

    static let now = ISO8601DateFormatter().date(from: "2026-11-15T10:00:00Z")!

    static func make(_ app: Application, email: String = "sipho@example.co.za") async throws -> PipelineFixture {
        app.clock = AppClock { now }
        let (api, user) = try await app.apiClient(email)
        let account = try await api.createAccount(["name": "Karoo Wol"])
        let pipelines = try await api.decode([PipelineAdmin.PipelineDTO].self, .GET, "/api/v1/pipelines")
        let pipeline = try #require(pipelines.first)
        return PipelineFixture(api: api, user: user, account: account,
                               stages: Dictionary(uniqueKeysWithValues: pipeline.stages.map { ($0.name, $0.id) }), pipelineID: pipeline.id)
    }

    @discardableResult
    func deal(_ name: String, amount: Int64, stage: String, close: String, currency: String = "EUR", probability: Int? = nil,
              client: APIClient? = nil) async throws -> OpportunityDTO {
        var fields: [String: Any] = ["accountId": account.id.uuidString, "name": name, "amountMinor": amount, "currency": currency,
                                     "stageId": stages[stage]!.uuidString, "expectedClose": close]
        if let probability { fields["probability"] = probability }
        return try await (client ?? api).decode(OpportunityDTO.self, .POST, "/api/v1/opportunities", json: fields, status: .created)
    }

    @discardableResult
    func move(_ deal: OpportunityDTO, to stage: String, reason: String? = nil, client: APIClient? = nil) async throws -> TestingHTTPResponse {
        var body: [String: Any] = ["stageId": stages[stage]!.uuidString]
        if let reason { body["closeReason"] = reason }
        return try await (client ?? api).send(.POST, "/api/v1/opportunities/\(deal.id)/move", json: body)
    }
}
