import CRMCore
import Foundation
import Testing
import VaporTesting
@testable import CRM

/// A small ledger whose profit figures are worked out by hand in the tests (base currency EUR):
///
/// | account | order date | lines | revenue | cost | profit |
/// | --- | --- | --- | --- | --- | --- |
/// | Alpha | 2026-01-15 | 2 × Widget (100.00, cost 50.00) | 200.00 | 100.00 | 100.00 |
/// | Alpha | 2026-03-10 | 1 × Bulk (100.00 less 10 %, cost 85.00) | 90.00 | 85.00 | 5.00 |
/// | Beta | 2026-02-01 | 10 × service at 30.00 USD (cost 20.00 USD), USD at 0.90 | 270.00 | 180.00 | 90.00 |
/// | Gamma | 2026-02-20 | 10 × Bulk | 1000.00 | 850.00 | 150.00 |
/// | Gamma | 2026-04-01 | draft: 5 × Widget (does not count) | | | |
/// | Beta | 2025-02-10 | 1 × Widget | 100.00 | 50.00 | 50.00 |
struct SalesFixture {
    let api: APIClient
    let manager: User
    let alpha: UUID, beta: UUID, gamma: UUID, delta: UUID
    let widget: UUID, bulk: UUID
    let orders: [String: UUID]

    static let today = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00Z")!

    static func make(_ app: Application) async throws -> SalesFixture {
        app.config.baseCurrency = "EUR"
        app.clock = AppClock { today }
        let (api, manager) = try await app.apiClient("manager@example.com", role: .manager)
        func id(_ response: TestingHTTPResponse) throws -> UUID {
            #expect(response.status == .created, "\(response.body.string)")
            let object = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as! [String: Any]
            return UUID(uuidString: object["id"] as! String)!
        }
        let widget = try id(try await api.send(.POST, "/api/v1/products", json: ["sku": "W-1", "name": "Widget", "priceMinor": 10_000, "costMinor": 5_000]))
        let bulk = try id(try await api.send(.POST, "/api/v1/products", json: ["sku": "B-1", "name": "Bulk", "priceMinor": 10_000, "costMinor": 8_500]))
        let rate = try await api.send(.POST, "/api/v1/exchange-rates", json: ["currency": "USD", "validFrom": "2026-01-01", "rate": "0.90"])
        #expect(rate.status == .forbidden, "only admins record rates")
        let (admin, _) = try await app.apiClient("admin@example.com", role: .admin)
        #expect(try await admin.send(.POST, "/api/v1/exchange-rates", json: ["currency": "USD", "validFrom": "2026-01-01", "rate": "0.90"]).status == .created)
        let alpha = try await api.createAccount(["name": "Alpha"]).id
        let beta = try await api.createAccount(["name": "Beta"]).id
        let gamma = try await api.createAccount(["name": "Gamma"]).id
        let delta = try await api.createAccount(["name": "Delta"]).id
        func order(_ account: UUID, _ date: String, _ lines: [[String: Any]], currency: String? = nil, status: String? = nil) async throws -> UUID {
            var body: [String: Any] = ["accountId": account.uuidString, "orderDate": date, "lines": lines]
            if let currency { body["currency"] = currency }
            if let status { body["status"] = status }
            return try id(try await api.send(.POST, "/api/v1/orders", json: body))
        }
        let orders = [
            "alpha1": try await order(alpha, "2026-01-15", [["productId": widget.uuidString, "quantity": 2]]),
            "alpha2": try await order(alpha, "2026-03-10", [["productId": bulk.uuidString, "quantity": 1, "discountBasisPoints": 1_000]]),
            "beta1": try await order(beta, "2026-02-01", [["description": "Installation", "quantity": 10, "unitPriceMinor": 3_000, "unitCostMinor": 2_000]], currency: "USD"),
            "gamma1": try await order(gamma, "2026-02-20", [["productId": bulk.uuidString, "quantity": 10]]),
            "gammaDraft": try await order(gamma, "2026-04-01", [["productId": widget.uuidString, "quantity": 5]], status: "draft"),
            "beta0": try await order(beta, "2025-02-10", [["productId": widget.uuidString, "quantity": 1]]),
        ]
        return SalesFixture(api: api, manager: manager, alpha: alpha, beta: beta, gamma: gamma, delta: delta, widget: widget, bulk: bulk, orders: orders)
    }
}
