import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct OpportunityAPITests {
    @Test func aDealCarriesTheBuyersProjectPeopleAndCompetitors() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let contact = try await fixture.api.createContact(["displayName": "Pieter", "accountId": fixture.account.id.uuidString])
            let deal = try await fixture.api.decode(OpportunityDTO.self, .POST, "/api/v1/opportunities", json: [
                "accountId": fixture.account.id.uuidString, "name": "Shearing shed fit-out", "amountMinor": 4_500_000, "currency": "ZAR",
                "expectedClose": "2027-02-28", "source": "referral", "nextStep": "Site visit", "nextStepDue": "2026-11-20",
                "problem": "Wool bales get damp", "purchasePlan": "Two sheds before the spring shearing", "budgetMinor": 5_000_000,
                "budgetConfirmed": true, "purchasingProcess": "Board approves above R1m", "signer": "Board chair",
                "people": [["contactId": contact.id.uuidString, "role": "decision_maker"]],
                "competitors": [["competitor": "Wolplaas", "offer": "Steel racks", "priceMinor": 4_200_000, "assessment": "Cheaper, slower"]],
            ], status: .created)
            #expect(deal.stage.name == "Qualification")
            #expect(deal.probability == 10)
            #expect(deal.weightedAmountMinor == 450_000)
            #expect(deal.people.map(\.name) == ["Pieter"])
            #expect(deal.competitors.first?.priceMinor == 4_200_000)
            #expect(deal.budgetConfirmed)
        }
    }

    @Test func badInputIsNamedFieldByField() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let response = try await fixture.api.send(.POST, "/api/v1/opportunities", json: [
                "name": "", "amountMinor": -1, "probability": 120, "expectedClose": "soon", "stageId": UUID().uuidString,
                "people": [["contactId": UUID().uuidString, "role": "decision_maker"]],
            ])
            #expect(response.status == .unprocessableEntity)
            let fields = try #require(try ErrorBody.of(response).fields)
            #expect(fields["name"] == "must not be empty")
            #expect(fields["accountId"] == "is required")
            #expect(fields["amountMinor"] == "must not be negative")
            #expect(fields["probability"] == "must be from 0 to 100")
            #expect(fields["expectedClose"] == "must be a date written YYYY-MM-DD")
            #expect(fields["stageId"] == "is not an existing stage")
            #expect(fields["people[0].contactId"] == "is not an existing contact")
            #expect(try await Opportunity.query(on: app.db).count() == 0)
        }
    }

    @Test func probabilityFollowsTheStageUnlessOverridden() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let deal = try await fixture.deal("Racks", amount: 100_000, stage: "Proposal", close: "2026-12-01")
            #expect(deal.probability == 50 && !deal.probabilityOverridden)

            let overridden = try await fixture.api.decode(OpportunityDTO.self, .PATCH, "/api/v1/opportunities/\(deal.id)",
                                                          json: ["probability": 65], ifMatch: "\"1\"")
            #expect(overridden.probability == 65 && overridden.probabilityOverridden)
            let back = try await fixture.api.decode(OpportunityDTO.self, .PATCH, "/api/v1/opportunities/\(deal.id)",
                                                    json: ["probability": NSNull()], ifMatch: "\"2\"")
            #expect(back.probability == 50 && !back.probabilityOverridden)
        }
    }

    @Test func closingNeedsAReasonAndEveryMoveIsRecorded() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let deal = try await fixture.deal("Racks", amount: 100_000, stage: "Qualification", close: "2026-12-01")

            #expect(try await fixture.move(deal, to: "Proposal").status == .ok)
            let noReason = try await fixture.move(deal, to: "Lost")
            #expect(noReason.status == .unprocessableEntity)
            #expect(try ErrorBody.of(noReason).fields?["closeReason"] == "is required when a deal is lost")
            #expect(try await fixture.move(deal, to: "Won", reason: "Fastest delivery").status == .ok)

            let won = try await fixture.api.decode(OpportunityDTO.self, .GET, "/api/v1/opportunities/\(deal.id)")
            #expect(won.stage.outcome == "won")
            #expect(won.probability == 100)
            #expect(won.closeReason == "Fastest delivery")
            #expect(won.closedAt == PipelineFixture.now)
            let history = try await fixture.api.decode([StageHistory.Change].self, .GET, "/api/v1/opportunities/\(deal.id)/history")
            #expect(history.map(\.to) == ["Qualification", "Proposal", "Won"])
            #expect(history.map(\.from) == [nil, "Qualification", "Proposal"])
            #expect(history.allSatisfy { $0.user?.id == fixture.user.id })
        }
    }

    @Test func aStageOfAnotherPipelineIsRefused() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let (admin, _) = try await app.apiClient("admin@example.co.za", role: .admin)
            let renewals = try await admin.decode(PipelineAdmin.PipelineDTO.self, .POST, "/api/v1/pipelines", json: ["name": "Renewals"], status: .created)
            let deal = try await fixture.deal("Racks", amount: 100_000, stage: "Qualification", close: "2026-12-01")
            let response = try await fixture.api.send(.POST, "/api/v1/opportunities/\(deal.id)/move", json: ["stageId": renewals.stages[0].id.uuidString])
            #expect(try ErrorBody.of(response).fields?["stageId"] == "belongs to another pipeline")
        }
    }

    @Test func salespeopleChangeTheirOwnDealsManagersAll() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let (other, _) = try await app.apiClient("other@example.co.za")
            let (manager, _) = try await app.apiClient("manager@example.co.za", role: .manager)
            let deal = try await fixture.deal("Racks", amount: 100_000, stage: "Qualification", close: "2026-12-01")

            #expect(try await fixture.move(deal, to: "Proposal", client: other).status == .forbidden)
            let patch = try await other.send(.PATCH, "/api/v1/opportunities/\(deal.id)", json: ["amountMinor": 1], ifMatch: "\"1\"")
            #expect(patch.status == .forbidden)
            #expect(try await fixture.move(deal, to: "Proposal", client: manager).status == .ok)
            let stale = try await fixture.api.send(.PATCH, "/api/v1/opportunities/\(deal.id)", json: ["amountMinor": 5], ifMatch: "\"1\"")
            #expect(stale.status == .conflict)
        }
    }

    @Test func staleDealsAreFlaggedAndFilterable() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            try await fixture.deal("Overdue", amount: 1, stage: "Proposal", close: "2026-11-01")
            try await fixture.deal("On time", amount: 1, stage: "Proposal", close: "2026-12-01")
            let stale = try await fixture.api.decode(ListPage<OpportunityDTO>.self, .GET, "/api/v1/opportunities?stale=true")
            #expect(stale.items.map(\.name) == ["Overdue"])
            #expect(stale.items.first?.isStale == true)

            app.clock = AppClock { PipelineFixture.now.addingTimeInterval(40 * 86_400) }
            let later = try await fixture.api.decode(ListPage<OpportunityDTO>.self, .GET, "/api/v1/opportunities?stale=true")
            #expect(later.items.map(\.name) == ["Overdue", "On time"])
        }
    }

    @Test func adminsConfigureStagesAndDealsFollowTheNewDefault() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let (admin, _) = try await app.apiClient("admin@example.co.za", role: .admin)
            let follows = try await fixture.deal("Follows", amount: 100, stage: "Proposal", close: "2026-12-01")
            let own = try await fixture.deal("Own", amount: 100, stage: "Proposal", close: "2026-12-01", probability: 70)

            let refused = try await fixture.api.send(.PATCH, "/api/v1/stages/\(fixture.stages["Proposal"]!)", json: ["defaultProbability": 40])
            #expect(refused.status == .forbidden)
            let stage = try await admin.decode(PipelineAdmin.StageDTO.self, .PATCH, "/api/v1/stages/\(fixture.stages["Proposal"]!)",
                                               json: ["defaultProbability": 40, "name": "Offer sent"])
            #expect(stage.name == "Offer sent")
            #expect(try await fixture.api.decode(OpportunityDTO.self, .GET, "/api/v1/opportunities/\(follows.id)").probability == 40)
            #expect(try await fixture.api.decode(OpportunityDTO.self, .GET, "/api/v1/opportunities/\(own.id)").probability == 70)

            let added = try await admin.decode(PipelineAdmin.StageDTO.self, .POST, "/api/v1/pipelines/\(fixture.pipelineID)/stages",
                                               json: ["name": "Contract review", "defaultProbability": 95], status: .created)
            #expect(added.forecastCategory == "commit")
            let clash = try await admin.send(.POST, "/api/v1/pipelines/\(fixture.pipelineID)/stages", json: ["name": "Won"])
            #expect(try ErrorBody.of(clash).fields?["name"] == "is already a stage of this pipeline")
        }
    }
}
