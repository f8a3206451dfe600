import Fluent
import Vapor

/// Serves the OpenAPI document that describes every `/api/v1` endpoint.
enum OpenAPIArea: Area {
    static let migrations: [any Migration] = []

    static let document = OpenAPIDocument(
        operations: Areas.apiOperations,
        schemas: [("Error", OpenAPIDocument.errorSchema)] + Areas.all.flatMap { $0.schemas }
    )

    static var apiOperations: [APIOperation] {
        [.init(method: .GET, path: "/openapi.json", summary: "This API description (OpenAPI 3.1)", tag: "Meta", errors: [], requiresAuth: false)]
    }

    static func routes(_ routes: AreaRoutes) throws {
        // Public, so tools can read the description before anyone has a token.
        routes.root.get("api", "v1", "openapi.json") { request -> Response in
            let response = Response(status: .ok)
            try response.content.encode(document, as: .json)
            return response
        }
    }
}
