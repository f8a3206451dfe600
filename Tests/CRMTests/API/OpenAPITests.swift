import Foundation
import Testing
import VaporTesting
@testable import CRM

@Suite struct OpenAPITests {
    struct Document: Decodable {
        let openapi: String
        let paths: [String: [String: Operation]]
        struct Operation: Decodable { let summary: String }
    }

    @Test func theDocumentListsExactlyTheRoutesThatExist() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONDecoder().decode(Document.self, from: Data(response.body.string.utf8))
            #expect(document.openapi == "3.1.0")

            let documented = Set(document.paths.flatMap { path, operations in
                operations.keys.map { "\($0.uppercased()) \(path)" }
            })
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let parts = route.path.map { component -> String in
                    if case let .parameter(name) = component { return "{\(name)}" }
                    return component.description
                }
                guard parts.starts(with: ["api", "v1"]) else { return nil }
                return "\(route.method.rawValue) /" + parts.dropFirst(2).joined(separator: "/")
            })
            #expect(documented == registered)
            #expect(!registered.isEmpty)
        }
    }

    @Test func everyOperationHasASummary() {
        for operation in Areas.apiOperations {
            #expect(!operation.summary.isEmpty, "\(operation.method) \(operation.path)")
        }
    }
}
