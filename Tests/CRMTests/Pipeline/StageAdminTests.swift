import Fluent
import Testing
import VaporTesting
@testable import CRM

/// Admins arrange a pipeline's stages: new ones before Won and Lost, moved by buttons, removed when empty
/// (or after their deals move), and no two with the same name.
@Suite struct StageAdminTests {
    func names(_ app: Application, _ fixture: PipelineFixture) async throws -> [String] {
        try await PipelineAdmin(db: app.db).all().first { $0.id == fixture.pipelineID }!.stages.map(\.name)
    }

    func adminOnTheirPage(_ app: Application) async throws -> TestBrowser {
        let (_, password) = try await app.makeUser("admin@example.co.za", role: .admin)
        let admin = TestBrowser(app)
        try await admin.signIn("admin@example.co.za", password)
        _ = try await admin.get("/admin/pipelines")
        return admin
    }

    @Test func aNewOpenStageGoesBeforeTheClosingStagesAndDuplicatesAreRefused() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let (admin, _) = try await app.apiClient("admin@example.co.za", role: .admin)

            let added = try await admin.send(.POST, "/api/v1/pipelines/\(fixture.pipelineID)/stages", json: ["name": "Contract review", "defaultProbability": 95])
            let sameName = try await admin.send(.POST, "/api/v1/pipelines/\(fixture.pipelineID)/stages", json: ["name": "  contract   REVIEW "])

            #expect(added.status == .created)
            #expect(try await names(app, fixture) == ["Qualification", "Needs analysis", "Proposal", "Negotiation", "Verbal agreement", "Contract review", "Won", "Lost"])
            #expect(sameName.status == .unprocessableEntity)
            #expect(try ErrorBody.of(sameName).fields?["name"] == "is already a stage of this pipeline")
        }
    }

    @Test func stagesMoveUpAndDownOnTheAdminPage() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let admin = try await adminOnTheirPage(app)

            #expect(try await admin.post("/admin/stages/\(fixture.stages["Proposal"]!)/move", ["direction": "up"]).status == .seeOther)
            #expect(try await admin.post("/admin/stages/\(fixture.stages["Qualification"]!)/move", ["direction": "down"]).status == .seeOther)

            #expect(try await names(app, fixture) == ["Proposal", "Qualification", "Needs analysis", "Negotiation", "Verbal agreement", "Won", "Lost"])
            let page = try await admin.get("/admin/pipelines")
            #expect(page.body.string.contains("Move up: Negotiation") && !page.body.string.contains("Move up: Proposal"))
        }
    }

    @Test func theAPIMovesAStageByItsPositionAndTheOthersShift() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let (admin, _) = try await app.apiClient("admin@example.co.za", role: .admin)

            let moved = try await admin.decode(PipelineAdmin.StageDTO.self, .PATCH, "/api/v1/stages/\(fixture.stages["Negotiation"]!)", json: ["position": 0])

            #expect(moved.position == 0)
            #expect(try await names(app, fixture) == ["Negotiation", "Qualification", "Needs analysis", "Proposal", "Verbal agreement", "Won", "Lost"])
        }
    }

    @Test func aStageWithDealsIsRemovedOnlyAfterTheyMoveAndItsHistoryStays() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let deal = try await fixture.deal("Racks", amount: 100, stage: "Qualification", close: "2026-12-01")
            try await fixture.move(deal, to: "Needs analysis")
            let (admin, _) = try await app.apiClient("admin@example.co.za", role: .admin)
            let needs = fixture.stages["Needs analysis"]!

            let bySales = try await fixture.api.send(.DELETE, "/api/v1/stages/\(needs)")
            let holding = try await admin.send(.DELETE, "/api/v1/stages/\(needs)")
            let toWon = try await admin.send(.DELETE, "/api/v1/stages/\(needs)?moveDealsTo=\(fixture.stages["Won"]!)")
            let moved = try await admin.send(.DELETE, "/api/v1/stages/\(needs)?moveDealsTo=\(fixture.stages["Proposal"]!)")
            let lastWon = try await admin.send(.DELETE, "/api/v1/stages/\(fixture.stages["Won"]!)")

            #expect(bySales.status == .forbidden)
            #expect(holding.status == .unprocessableEntity)
            #expect(try ErrorBody.of(holding).fields?["moveDealsTo"] == "“Needs analysis” holds 1 deal: say where they go")
            #expect(toWon.status == .unprocessableEntity)
            #expect(moved.status == .noContent)
            #expect(lastWon.status == .unprocessableEntity)
            #expect(try await names(app, fixture) == ["Qualification", "Proposal", "Negotiation", "Verbal agreement", "Won", "Lost"])
            let history = try await fixture.api.decode([StageHistory.Change].self, .GET, "/api/v1/opportunities/\(deal.id)/history")
            #expect(history.map(\.to) == ["Qualification", "Needs analysis", "Proposal"])
            #expect(try await fixture.api.decode(OpportunityDTO.self, .GET, "/api/v1/opportunities/\(deal.id)").stage.id == fixture.stages["Proposal"])
        }
    }

    @Test func anEmptyStageIsRemovedFromTheAdminPage() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let admin = try await adminOnTheirPage(app)

            #expect(try await admin.post("/admin/stages/\(fixture.stages["Negotiation"]!)/remove").status == .seeOther)

            #expect(try await names(app, fixture) == ["Qualification", "Needs analysis", "Proposal", "Verbal agreement", "Won", "Lost"])
            #expect(try await fixture.api.send(.GET, "/api/v1/board").body.string.contains("Negotiation") == false)
        }
    }
}
