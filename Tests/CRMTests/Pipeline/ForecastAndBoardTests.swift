import CRMCore
import Testing
import VaporTesting
@testable import CRM

@Suite struct ForecastAndBoardTests {
    /// Seven deals whose forecast figures are worked out by hand below.
    func seed(_ fixture: PipelineFixture, other: APIClient) async throws {
        try await fixture.deal("A", amount: 1_000_000, stage: "Proposal", close: "2026-11-20")                    // 50 %, best case
        try await fixture.deal("B", amount: 333_333, stage: "Qualification", close: "2026-11-30", client: other)  // 10 %
        try await fixture.deal("C", amount: 2_000_000, stage: "Verbal agreement", close: "2026-12-10")            // 90 %, commit
        try await fixture.deal("D", amount: 500_000, stage: "Negotiation", close: "2027-01-15", probability: 60, client: other)
        let won = try await fixture.deal("E", amount: 700_000, stage: "Proposal", close: "2026-11-30")
        try await fixture.move(won, to: "Won", reason: "Price")
        let lost = try await fixture.deal("F", amount: 100_000, stage: "Proposal", close: "2026-11-30")
        try await fixture.move(lost, to: "Lost", reason: "No budget")
        try await fixture.deal("G", amount: 200_000, stage: "Proposal", close: "2026-11-25", currency: "USD")
        try await fixture.deal("H", amount: 9_999_999, stage: "Proposal", close: "2027-06-01")                    // outside the period
    }

    @Test func forecastFiguresMatchTheHandComputedOnes() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let (other, otherUser) = try await app.apiClient("thandi@example.co.za")
            try await seed(fixture, other: other)

            let forecast = try await fixture.api.decode(Forecast.self, .GET, "/api/v1/forecast?from=2026-11&to=2027-01")
            #expect(forecast.months.map(\.key) == ["2026-11", "2026-12", "2027-01"])

            let november = forecast.months[0].figures
            #expect(november.map(\.currency) == ["EUR", "USD"])
            #expect(november[0].pipelineMinor == 1_333_333)
            #expect(november[0].bestCaseMinor == 1_000_000)
            #expect(november[0].commitMinor == 0)
            #expect(november[0].weightedMinor == 533_333)          // (1 000 000 × 50 + 333 333 × 10) / 100 = 533 333.3
            #expect(november[0].closedWonMinor == 700_000)
            #expect(november[0].openDeals == 2 && november[0].wonDeals == 1)
            #expect(november[1].weightedMinor == 100_000)

            let december = try #require(forecast.months[1].figures.first)
            #expect(december.commitMinor == 2_000_000 && december.bestCaseMinor == 2_000_000 && december.weightedMinor == 1_800_000)
            #expect(forecast.months[2].figures.first?.weightedMinor == 300_000)  // overridden to 60 %

            let q4 = try #require(forecast.quarters.first { $0.key == "2026-Q4" }?.figures.first { $0.currency == "EUR" })
            #expect(q4.pipelineMinor == 3_333_333)
            #expect(q4.weightedMinor == 2_333_333)                  // (50 000 000 + 3 333 330 + 180 000 000) / 100
            #expect(q4.closedWonMinor == 700_000)

            #expect(forecast.quarters.map(\.key) == ["2026-Q4", "2027-Q1"], "each quarter once, though Q4 has two months here")
            #expect(forecast.quarters.first?.figures.map(\.currency) == ["EUR", "USD"])

            let thandi = try #require(forecast.owners.first { $0.key == otherUser.id!.uuidString }?.figures.first)
            #expect(thandi.pipelineMinor == 833_333)
            #expect(thandi.weightedMinor == 333_333)                // (3 333 330 + 30 000 000) / 100 = 333 333.3

            #expect(forecast.wonDeals == 1 && forecast.lostDeals == 1 && forecast.winRatePercent == 50)
            #expect(forecast.averageCycleDays == 0)
            #expect(forecast.pipelines.count == 1)
        }
    }

    @Test func theForecastConvertsIntoTheBaseCurrencyWithDatedRatesAndListsWhatHasNoRate() async throws {
        try await withTestApp { app in
            app.config.baseCurrency = "EUR"
            let fixture = try await PipelineFixture.make(app)
            let (admin, _) = try await app.apiClient("rates@example.com", role: .admin)
            for (from, rate) in [("2026-01-01", "0.90"), ("2026-11-10", "0.80")] {
                #expect(try await admin.send(.POST, "/api/v1/exchange-rates", json: ["currency": "USD", "validFrom": from, "rate": rate]).status == .created)
            }
            try await fixture.deal("Euro", amount: 1_000_000, stage: "Proposal", close: "2026-11-20")              // 50 %
            try await fixture.deal("Dollar", amount: 200_000, stage: "Proposal", close: "2026-11-25", currency: "USD") // 50 %
            try await fixture.deal("Franc", amount: 500_000, stage: "Proposal", close: "2026-11-28", currency: "CHF")
            // Won on 5 November, when a dollar was worth 0.90 EUR; the open dollar deal converts at today's 0.80.
            app.clock = AppClock { ISO8601DateFormatter().date(from: "2026-11-05T12:00:00Z")! }
            let early = try await fixture.deal("Early dollars", amount: 300_000, stage: "Proposal", close: "2026-11-05", currency: "USD")
            try await fixture.move(early, to: "Won", reason: "Price")
            app.clock = AppClock { PipelineFixture.now }

            let forecast = try await fixture.api.decode(Forecast.self, .GET, "/api/v1/forecast?from=2026-11&to=2026-11")
            let november = try #require(forecast.months.first)
            #expect(november.figures.map(\.currency) == ["CHF", "EUR", "USD"], "the detail per currency stays")
            #expect(november.inBase.currency == "EUR")
            #expect(november.inBase.pipelineMinor == 1_000_000 + 160_000)
            #expect(november.inBase.weightedMinor == 500_000 + 80_000)
            #expect(november.inBase.closedWonMinor == 270_000)
            #expect(november.unconverted == ["CHF"])
            #expect(forecast.totalsInBase == november.inBase)
            #expect(forecast.ratesUsed.map(\.rate).sorted() == ["0.80", "0.90"])
            #expect(forecast.ratesUsed.contains { $0.validFrom == "2026-01-01" && $0.usedFor == "deals won on 2026-11-05" })
            #expect(forecast.withoutRate.map(\.name) == ["Franc"] && forecast.withoutRate.first?.day == "2026-11-15")

            let (_, password) = try await app.makeUser("reader@example.com", role: .manager)
            let browser = TestBrowser(app)
            try await browser.signIn("reader@example.com", password)
            let page = try await browser.get("/forecast?from=2026-11&to=2026-11").body.string
            #expect(page.contains("Forecast in EUR by month, all currencies converted"))
            #expect(page.contains("1 USD = 0.80 EUR, the rate from 2026-11-10, for open deals (today&#39;s rate)") || page.contains("1 USD = 0.80 EUR, the rate from 2026-11-10, for open deals (today's rate)"))
            #expect(page.contains("Franc") && page.contains("needs a CHF rate on or before 2026-11-15"))
            #expect(page.contains("All in EUR") && page.contains("without CHF"))
        }
    }

    @Test func theForecastFiltersByOwnerAndComesAsCSV() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let (other, otherUser) = try await app.apiClient("thandi@example.co.za")
            try await seed(fixture, other: other)

            let mine = try await fixture.api.decode(Forecast.self, .GET, "/api/v1/forecast?from=2026-11&to=2027-01&owner=\(otherUser.id!.uuidString)")
            #expect(mine.totals.map(\.pipelineMinor) == [833_333])

            let csv = try await fixture.api.send(.GET, "/api/v1/forecast.csv?from=2026-11&to=2026-12")
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(separator: "\r\n").map(String.init)
            #expect(lines[0] == "month,quarter,basis,currency,pipeline,best_case,commit,weighted,closed_won,open_deals,won_deals")
            #expect(lines[1] == "2026-11,2026-Q4,recorded,EUR,13333.33,10000.00,0.00,5333.33,7000.00,2,1")
            #expect(lines[3] == "2026-11,2026-Q4,converted,EUR,13333.33,10000.00,0.00,5333.33,7000.00,2,1", "no USD rate: only the EUR deals")
            #expect(lines.count == 6)

            let bad = try await fixture.api.send(.GET, "/api/v1/forecast?from=2027-01&to=2026-11")
            #expect(try ErrorBody.of(bad).fields?["to"] == "must not be before from")
            let badMonth = try await fixture.api.send(.GET, "/api/v1/forecast?from=November")
            #expect(try ErrorBody.of(badMonth).fields?["from"] == "must be a month written YYYY-MM")
        }
    }

    @Test func theBoardShowsColumnsWithTotalsForOneOwner() async throws {
        try await withTestApp { app in
            let fixture = try await PipelineFixture.make(app)
            let (other, otherUser) = try await app.apiClient("thandi@example.co.za")
            try await seed(fixture, other: other)

            let board = try await fixture.api.decode(Board.self, .GET, "/api/v1/board")
            #expect(board.columns.map(\.stage.name) == AddDefaultPipeline.stages.map(\.0))
            let proposal = try #require(board.columns.first { $0.stage.name == "Proposal" })
            #expect(proposal.cards.map(\.name) == ["A", "G", "H"])
            #expect(proposal.totals.map(\.currency) == ["EUR", "USD"])
            #expect(proposal.totals.first?.amountMinor == 10_999_999)
            #expect(board.columns.first { $0.stage.name == "Won" }?.cards.map(\.name) == ["E"])

            let hers = try await fixture.api.decode(Board.self, .GET, "/api/v1/board?owner=\(otherUser.id!.uuidString)")
            #expect(hers.columns.flatMap(\.cards).map(\.name).sorted() == ["B", "D"])
        }
    }
}
