import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct PipelinePagesTests {
    func signedIn(_ app: Application, _ email: String, role: Role = .sales) async throws -> TestBrowser {
        let (_, password) = try await app.makeUser(email, role: role)
        let browser = TestBrowser(app)
        try await browser.signIn(email, password)
        try await browser.get("/")
        return browser
    }

    @Test func aCardMovesOnTheBoardWithoutJavaScript() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let (_, password) = try await app.makeUser("board@example.co.za", role: .manager)
            let browser = TestBrowser(app)
            try await browser.signIn("board@example.co.za", password)
            let deal = try await fixture.deal("Racks", amount: 150_000, stage: "Qualification", close: "2026-12-01")

            let board = try await browser.get("/pipeline")
            #expect(board.body.string.contains(#"data-deal-id="\#(deal.id)""#))
            #expect(board.body.string.contains("1,500.00 EUR"))
            #expect(board.body.string.contains(BoardScript.script.path))
            #expect(board.body.string.contains(#"<option value="\#(fixture.stages["Qualification"]!)" data-outcome="open" selected>"#))

            let returnTo = "/pipeline?pipeline=\(fixture.pipelineID)"
            let moved = try await browser.post("/opportunities/\(deal.id)/move", ["stageId": fixture.stages["Proposal"]!.uuidString, "returnTo": returnTo])
            #expect(moved.status == .seeOther)
            #expect(moved.headers.first(name: .location) == returnTo)
            #expect(try await Opportunity.find(deal.id, on: app.db)?.probability == 50)

            let lost = try await browser.post("/opportunities/\(deal.id)/move", ["stageId": fixture.stages["Lost"]!.uuidString, "returnTo": returnTo, "closeReason": ""])
            #expect(lost.status == .unprocessableEntity)
            #expect(lost.body.string.contains("is required when a deal is lost"))
            #expect(try await Opportunity.find(deal.id, on: app.db)?.outcome == "open")

            let withReason = try await browser.post("/opportunities/\(deal.id)/move", ["stageId": fixture.stages["Lost"]!.uuidString, "closeReason": "Budget cut"])
            #expect(withReason.headers.first(name: .location) == "/opportunities/\(deal.id)")
            #expect(try await StageChange.query(on: app.db).count() == 3)
        }
    }

    @Test func theHomePageCountsMyOpenAndStaleDeals() async throws {
        try await withTestApp { app in
            app.clock = AppClock { PipelineFixture.now }
            let (me, password) = try await app.makeUser("mine@example.co.za")
            let token = try await TokenIssuer.issue(for: me, name: "t", on: app.db)
            let fixture = try await PipelineFixture.make(app)
            let mine = APIClient(app: app, token: token)
            try await fixture.deal("Late", amount: 1, stage: "Proposal", close: "2026-11-01", client: mine)
            try await fixture.deal("Fine", amount: 1, stage: "Proposal", close: "2026-12-01", client: mine)
            try await fixture.deal("Someone else's", amount: 1, stage: "Proposal", close: "2026-11-01")
            let browser = TestBrowser(app)
            try await browser.signIn("mine@example.co.za", password)
            let home = try await browser.get("/").body.string
            #expect(home.contains(#"Your open deals</div><div class="figure">2<"#))
            #expect(home.contains(#"Of them stale</div><div class="figure">1<"#))
        }
    }

    @Test func theBoardScriptIsServedFromThisSite() async throws {
        try await withTestApp { app in
            let script = try await app.testing().sendRequest(.GET, BoardScript.script.path)
            #expect(script.status == .ok)
            #expect(script.body.string.contains("dragstart"))
        }
    }

    @Test func aDealIsCreatedFromTheFormWithItsProject() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let browser = try await signedIn(app, "deal@example.co.za")
            let form = try await browser.get("/opportunities/new?account=\(fixture.account.id)")
            #expect(form.body.string.contains(#"value="Karoo Wol""#))

            let bad = try await browser.post("/opportunities/new", ["name": "Sheds", "accountName": "Karoo Wol", "amount": "lots",
                                                                    "stageId": fixture.stages["Won"]!.uuidString, "expectedClose": "2027-01-31"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#"id="field-amount-error">must be an amount such as 1250.50"#))
            #expect(bad.body.string.contains(#"id="field-closeReason-error">is required when a deal is won"#))

            let created = try await browser.post("/opportunities/new", [
                "name": "Sheds", "accountName": "Karoo Wol", "amount": "45 000,00", "currency": "ZAR",
                "stageId": fixture.stages["Proposal"]!.uuidString, "expectedClose": "2027-01-31", "problem": "Damp wool",
                "budget": "50000", "budgetConfirmed": "true", "competitors[0][competitor]": "Wolplaas", "competitors[0][price]": "42000",
            ])
            #expect(created.status == .seeOther)
            let card = try await browser.get(try #require(created.headers.first(name: .location)))
            #expect(card.body.string.contains("Damp wool"))
            #expect(card.body.string.contains("50,000.00 ZAR (confirmed)"))
            #expect(card.body.string.contains("Wolplaas"))
            #expect(card.body.string.contains("Created in Proposal"))
        }
    }

    @Test func theForecastPageDrawsAChartAndOffersCSV() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            try await fixture.deal("Racks", amount: 150_000, stage: "Verbal agreement", close: "2026-11-20")
            let browser = try await signedIn(app, "manager@example.co.za", role: .manager)

            let page = try await browser.get("/forecast?from=2026-11&to=2027-01")
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("<svg"))
            #expect(html.contains("2026-Q4"))
            #expect(html.contains("1,350.00"))
            #expect(html.contains("Stage conversion in New business"))
            let csv = try await browser.get("/forecast.csv?from=2026-11&to=2026-11")
            #expect(csv.body.string.contains("2026-11,2026-Q4,recorded,EUR,1500.00,1500.00,1500.00,1350.00"))
        }
    }

    @Test func onlyAdminsConfigurePipelines() async throws {
        try await withTestApp { app in
            let sales = try await signedIn(app, "sales@example.co.za")
            #expect(try await sales.get("/admin/pipelines").status == .forbidden)

            let admin = try await signedIn(app, "admin@example.co.za", role: .admin)
            let page = try await admin.get("/admin/pipelines")
            #expect(page.body.string.contains("Verbal agreement"))
            #expect(try await admin.post("/admin/pipelines", ["name": "Renewals"]).status == .seeOther)
            let renewals = try #require(try await Pipeline.query(on: app.db).filter(\.$name == "Renewals").first())
            #expect(try await admin.post("/admin/pipelines/\(renewals.id!)/stages", ["name": "Renewal call", "defaultProbability": "40", "outcome": "open"]).status == .seeOther)
            let stage = try #require(try await PipelineStage.query(on: app.db).filter(\.$name == "Renewal call").first())
            #expect(stage.forecastCategory == "pipeline")
            let clash = try await admin.post("/admin/stages/\(stage.id!)", ["name": "Won", "position": "1", "defaultProbability": "40", "outcome": "open", "forecastCategory": "pipeline"])
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.body.string.contains("is already a stage of this pipeline"))
        }
    }
}
