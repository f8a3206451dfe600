import CRMCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CRM

/// The service report's figures equal those worked out by hand for a small fixture.
@Suite struct ServiceReportTests {
    @Test func figuresMatchAHandComputedFixture() async throws {
        try await withTestApp { app in
            let desk = try await CaseDeskTests.desk(app)
            let (manager, _) = try await app.apiClient("mia@example.lt", role: .manager)
            let product = try await manager.create(RecordRef.self, "/api/v1/products", json: ["sku": "LR-1", "name": "Label rolls", "priceMinor": 1_000, "costMinor": 500])
            func open(_ fields: [String: Any]) async throws -> CaseDTO {
                try await desk.agent.create(CaseDTO.self, "/api/v1/cases", json: fields.merging(["contactId": desk.contact.id.uuidString]) { a, _ in a })
            }
            // Monday 09:00: three cases. A is answered at 10:00 and resolved at 11:00 (both on time); B (high) is
            // answered at 14:00 (late: 5 h of 4) and resolved on Tuesday at 09:00 (8 h of 24: on time); C stays open.
            let a = try await open(["kind": "complaint", "subject": "A", "productId": product.id.uuidString])
            let b = try await open(["kind": "question", "subject": "B", "priority": "high"])
            _ = try await open(["kind": "complaint", "subject": "C", "priority": "urgent", "productId": product.id.uuidString])
            desk.at("2026-11-30 10:00")
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(a.id)/replies", json: ["body": "On it", "via": "phone"])
            desk.at("2026-11-30 11:00")
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(a.id)/status", json: ["status": "resolved"])
            desk.at("2026-11-30 14:00")
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(b.id)/replies", json: ["body": "Yes", "via": "phone"])
            desk.at("2026-12-01 09:00")
            _ = try await desk.agent.decode(CaseDTO.self, .POST, "/api/v1/cases/\(b.id)/status", json: ["status": "resolved"])
            for (score, caseID) in [(4, a.id), (5, b.id)] {
                try await app.db.sql.insert(into: "case_surveys").columns("id", "case_id", "round", "token_hash", "account_id", "sent_at", "expires_at", "answered_at", "overall")
                    .values(SQLBind(UUID()), SQLBind(caseID), SQLBind(0), SQLBind(UUID().uuidString), SQLBind(desk.account.id),
                            SQLBind(CaseDeskTests.local("2026-11-30 12:00")), SQLBind(CaseDeskTests.local("2026-12-14 12:00")),
                            SQLBind(CaseDeskTests.local("2026-11-30 13:00")), SQLBind(score)).run()
            }
            desk.at("2026-12-01 10:00")

            let report = try await desk.agent.decode(ServiceReport.self, .GET, "/api/v1/reports/service?from=2026-11&to=2026-11")
            #expect(report.byMonth == [.init(key: "2026-11", opened: 3, resolved: 2, firstResponses: 2, firstResponsesOnTime: 1, resolutions: 2,
                                             resolutionsOnTime: 2, medianFirstResponseMinutes: 180, medianResolutionMinutes: 300)])
            #expect(report.byMonth.first?.firstResponseCompliance == 50 && report.byMonth.first?.resolutionCompliance == 100)
            #expect(report.byPriority.map(\.key) == ["high", "normal", "urgent"] && report.byPriority.map(\.opened) == [1, 1, 1])
            #expect(report.byPriority.first?.medianFirstResponseMinutes == 300 && report.byPriority.first?.firstResponsesOnTime == 0)
            #expect(report.byDepartment.map(\.key) == ["Service"] && report.byTier.map(\.key) == ["—"])
            #expect(report.backlog.map(\.cases) == [0, 1, 0, 0, 0], "C has been open for a day and an hour")
            #expect(report.satisfaction == [.init(month: "2026-11", answers: 2, averageTenths: 45)])
            #expect(report.complaintsByProduct == [.init(product: product, complaints: 2)])

            let bad = try await desk.agent.send(.GET, "/api/v1/reports/service?from=2026-13")
            #expect(try bad.status == .badRequest && ErrorBody.of(bad).fields?["from"] != nil)
            #expect(try await desk.agent.send(.GET, "/api/v1/reports/service?to=9999-12").status == .badRequest, "not a crash past year 9999")

            let (_, password) = try await app.makeUser("boss@example.lt", role: .manager)
            let browser = TestBrowser(app)
            try await browser.signIn("boss@example.lt", password)
            #expect(try await browser.get(Site.serviceReport() + "?from=2026-11&to=2026-11").status == .ok)
            #expect(browser.lastBody.contains("<svg") && browser.lastBody.contains("50 % of 2") && browser.lastBody.contains("Label rolls"))
            #expect(try await browser.get(Site.serviceReportCSV() + "?from=2026-11&to=2026-11").status == .ok)
            #expect(browser.lastBody.contains("month,2026-11,3,2,2,1,2,2,180,300\r\n") && browser.lastBody.contains("satisfaction,2026-11,2,,,,,,,4.5"))
        }
    }

    @Test func workingTimeReadsInHoursNotDays() {
        #expect(CaseText.minutes(2_280) == "38 h" && CaseText.minutes(-90) == "1 h 30 min" && CaseText.minutes(0) == "0 min")
    }
}
