import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Orders typed in at the same moment by several people each get their own number: reading the highest number and
/// adding one made two writers take the same number, or deadlock SQLite's lock upgrade, and answer 500.
@Suite struct ConcurrentNumberingTests {
    @Test func concurrentOrdersAndInvoicesGetDistinctNumbers() async throws {
        try await withTestApp { app in try await placeConcurrently(app) }
    }

    /// A real file in WAL mode, as a server runs it, where readers and the writer use separate connections.
    @Test func concurrentOrdersOnASQLiteFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("numbering-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestApp(database: .sqliteFile(path: folder.appendingPathComponent("crm.sqlite").path)) { app in
            try await placeConcurrently(app)
        }
    }

    private func placeConcurrently(_ app: Application) async throws {
        let fixture = try await SalesFixture.make(app)
        let (api, account, product) = (fixture.api, fixture.alpha.uuidString, fixture.widget.uuidString)
        // A failure keeps the answer's body, so a rare 500 under load names its cause in the test's output.
        let placed = try await withThrowingTaskGroup(of: (HTTPStatus, Int?, String).self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let response = try await api.send(.POST, "/api/v1/orders", json: [
                        "accountId": account, "status": "confirmed", "lines": [["productId": product, "quantity": 1]],
                    ])
                    let order = try? JSONDecoder().decode(OrderNumber.self, from: Data(response.body.string.utf8))
                    return (response.status, order?.number, order == nil ? response.body.string : "")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(placed.allSatisfy { $0.0 == .created }, "\(placed.map { "\($0.0) \($0.2)" }) \(TestLog.errors)")
        let numbers = placed.compactMap(\.1)
        #expect(Set(numbers).count == 8 && numbers.allSatisfy { $0 > 6 }, "\(numbers.sorted())")

        let invoiced = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
            for order in ["alpha1", "beta1", "gamma1"] {
                let path = "/api/v1/orders/\(fixture.orders[order]!)/invoices"
                group.addTask { try await api.send(.POST, path, json: [:]).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(invoiced.allSatisfy { $0 == .created }, "\(invoiced)")
        let invoiceNumbers = try await Invoice.query(on: app.db).all().map(\.number)
        #expect(Set(invoiceNumbers).count == invoiceNumbers.count)
    }

    private struct OrderNumber: Decodable { let number: Int }
}
