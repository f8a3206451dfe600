import CRMCore
import Testing
import VaporTesting
@testable import CRM

@Suite struct MarginTiersPageTests {
    @Test func anAdminChangesTiersAndCommissionsOnThePage() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("admin@example.com", role: .admin)
            let browser = TestBrowser(app)
            try await browser.signIn("admin@example.com", password)
            let shown = try await browser.get("/admin/margin-tiers")
            #expect(shown.status == .ok && shown.body.string.contains("Save tiers"))
            let fields = ["tiers[0][code]": "Gold", "tiers[0][minimumPercent]": "35", "tiers[0][commissionPercent]": "9.5",
                          "tiers[1][code]": "Silver", "tiers[1][minimumPercent]": "15", "tiers[1][commissionPercent]": "4",
                          "tiers[2][code]": "Bronze", "tiers[2][minimumPercent]": "", "tiers[2][commissionPercent]": "lots"]
            let refused = try await browser.post("/admin/margin-tiers", fields)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("must be a percentage such as 5"))
            #expect(try await MarginTiersStore.load(on: app.db) == MarginTiers.standard, "a bad row refuses the whole table")
            var fixed = fields
            fixed["tiers[2][commissionPercent]"] = "1"
            let saved = try await browser.post("/admin/margin-tiers", fixed)
            #expect(saved.status == .ok && saved.body.string.contains("Saved."))
            let tiers = try await MarginTiersStore.load(on: app.db).tiers
            #expect(tiers.map(\.code) == ["Gold", "Silver", "Bronze"])
            #expect(tiers.first?.minimumBasisPoints == 3_500 && tiers.first?.commissionBasisPoints == 950)
        }
    }

    @Test func othersReadTheTiersButCannotChangeThem() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("manager@example.com", role: .manager)
            let browser = TestBrowser(app)
            try await browser.signIn("manager@example.com", password)
            let shown = try await browser.get("/admin/margin-tiers")
            #expect(shown.status == .ok && !shown.body.string.contains("Save tiers") && shown.body.string.contains("readonly"))
            #expect(try await browser.post("/admin/margin-tiers", ["tiers[0][code]": "X", "tiers[0][commissionPercent]": "50"]).status == .forbidden)
        }
    }
}
