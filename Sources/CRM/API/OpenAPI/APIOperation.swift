import Vapor

/// One endpoint as the OpenAPI document describes it. Each area lists its operations beside
/// its routes; a test checks that the listed operations and the registered routes are the same set.
struct APIOperation: Sendable {
    struct Parameter: Sendable {
        enum Location: String, Sendable { case path, query }
        let name: String
        let location: Location
        let schema: JSONSchema
        let description: String
        var required: Bool { location == .path }
    }

    let method: HTTPMethod
    /// The path below `/api/v1`, with `{name}` for parameters, as OpenAPI writes it.
    let path: String
    let summary: String
    let tag: String
    var parameters: [Parameter] = []
    var requestBody: JSONSchema? = nil
    /// The media type of the request body (CSV imports send `text/csv`).
    var requestContentType = "application/json"
    var successStatus: Int = 200
    var response: JSONSchema? = nil
    var errors: [Int] = [401]
    var requiresAuth = true

    static func pathParameter(_ name: String, _ description: String) -> Parameter {
        .init(name: name, location: .path, schema: .uuid, description: description)
    }
    static func query(_ name: String, _ schema: JSONSchema, _ description: String) -> Parameter {
        .init(name: name, location: .query, schema: schema, description: description)
    }
    static let pagingParameters: [Parameter] = [
        query("limit", .integer(description: "1–200, default 50"), "Items per page."),
        query("cursor", .string(), "The `nextCursor` of the previous page."),
    ]
}
