import CRMCore
import Testing
import VaporTesting
@testable import CRM

@Suite struct ExchangeRatesPageTests {
    @Test func anAdminRecordsCorrectsAndRemovesRates() async throws {
        try await withTestApp { app in
            app.config.baseCurrency = "EUR"
            let (_, password) = try await app.makeUser("admin@example.com", role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn("admin@example.com", password)
            try await browser.get("/admin/exchange-rates")
            let bad = try await browser.post("/admin/exchange-rates", ["currency": "USD", "validFrom": "2026-11-01", "rate": "0,92"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("written with a point"))
            let recorded = try await browser.post("/admin/exchange-rates", ["currency": "USD", "validFrom": "2026-11-01", "rate": "0.93"])
            #expect(recorded.status == .ok && recorded.body.string.contains("Rate for USD from 2026-11-01 recorded."))
            let twice = try await browser.post("/admin/exchange-rates", ["currency": "USD", "validFrom": "2026-11-01", "rate": "0.92"])
            #expect(twice.status == .conflict && twice.body.string.contains("already has a rate for USD"))
            // Correcting is removing the wrong rate and recording the right one.
            let removed = try await browser.post("/admin/exchange-rates/remove", ["currency": "USD", "validFrom": "2026-11-01"])
            #expect(removed.status == .ok && removed.body.string.contains("removed"))
            #expect(try await browser.post("/admin/exchange-rates", ["currency": "USD", "validFrom": "2026-11-01", "rate": "0.92"]).status == .ok)
            #expect(try await ExchangeRates.all(on: app.db).map(\.rate) == ["0.92"])
            #expect(try await browser.post("/admin/exchange-rates/remove", ["currency": "GBP", "validFrom": "2026-11-01"]).status == .notFound)
        }
    }

    @Test func othersSeeTheRatesButDoNotChangeThem() async throws {
        try await withTestApp { app in
            let (admin, _) = try await app.apiClient("admin@example.com", role: .admin)
            #expect(try await admin.send(.POST, "/api/v1/exchange-rates", json: ["currency": "USD", "validFrom": "2026-01-01", "rate": "0.90"]).status == .created)
            let (manager, _) = try await app.apiClient("manager@example.com", role: .manager)
            #expect(try await manager.send(.DELETE, "/api/v1/exchange-rates/USD/2026-01-01").status == .forbidden)
            let (_, password) = try await app.makeUser("rep@example.com", role: .sales)
            let browser = TestBrowser(app)
            try await browser.signIn("rep@example.com", password)
            let page = try await browser.get("/admin/exchange-rates")
            #expect(page.status == .ok && page.body.string.contains("0.90") && !page.body.string.contains("Record rate"))
            #expect(try await browser.post("/admin/exchange-rates/remove", ["currency": "USD", "validFrom": "2026-01-01"]).status == .forbidden)
            #expect(try await admin.send(.DELETE, "/api/v1/exchange-rates/USD/2026-01-01").status == .noContent)
            #expect(try await ExchangeRates.all(on: app.db).isEmpty)
        }
    }
}
