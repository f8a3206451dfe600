import Vapor

/// Builds the OpenAPI 3.1 document served at `/api/v1/openapi.json` from the areas' operation lists.
struct OpenAPIDocument: Encodable, Sendable {
    let operations: [APIOperation]
    let schemas: [(String, JSONSchema)]

    private struct Name: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ value: String) { stringValue = value }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var root = encoder.container(keyedBy: Name.self)
        try root.encode("3.1.0", forKey: Name("openapi"))
        var info = root.nestedContainer(keyedBy: Name.self, forKey: Name("info"))
        try info.encode("CRM API", forKey: Name("title"))
        try info.encode("1", forKey: Name("version"))
        try info.encode("JSON API of the CRM. Authenticate with a personal API token: `Authorization: Bearer <token>`.", forKey: Name("description"))
        try root.encode([["url": "/api/v1"]], forKey: Name("servers"))

        var paths = root.nestedContainer(keyedBy: Name.self, forKey: Name("paths"))
        for (path, operations) in Dictionary(grouping: operations, by: \.path).sorted(by: { $0.key < $1.key }) {
            var item = paths.nestedContainer(keyedBy: Name.self, forKey: Name(path))
            for operation in operations {
                try item.encode(OperationBody(operation), forKey: Name(operation.method.rawValue.lowercased()))
            }
        }

        var components = root.nestedContainer(keyedBy: Name.self, forKey: Name("components"))
        var schemaContainer = components.nestedContainer(keyedBy: Name.self, forKey: Name("schemas"))
        for (name, schema) in schemas { try schemaContainer.encode(schema, forKey: Name(name)) }
        var security = components.nestedContainer(keyedBy: Name.self, forKey: Name("securitySchemes"))
        try security.encode(["type": "http", "scheme": "bearer"], forKey: Name("bearerToken"))
    }

    private struct OperationBody: Encodable {
        let operation: APIOperation
        init(_ operation: APIOperation) { self.operation = operation }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Name.self)
            try container.encode(operation.summary, forKey: Name("summary"))
            try container.encode([operation.tag], forKey: Name("tags"))
            try container.encode("\(operation.method.rawValue.lowercased())\(operation.path)", forKey: Name("operationId"))
            if operation.requiresAuth {
                try container.encode([["bearerToken": [String]()]], forKey: Name("security"))
            } else {
                try container.encode([[String: [String]]](), forKey: Name("security"))
            }
            if !operation.parameters.isEmpty {
                var parameters = container.nestedUnkeyedContainer(forKey: Name("parameters"))
                for parameter in operation.parameters {
                    var p = parameters.nestedContainer(keyedBy: Name.self)
                    try p.encode(parameter.name, forKey: Name("name"))
                    try p.encode(parameter.location.rawValue, forKey: Name("in"))
                    try p.encode(parameter.required, forKey: Name("required"))
                    try p.encode(parameter.description, forKey: Name("description"))
                    try p.encode(parameter.schema, forKey: Name("schema"))
                }
            }
            if let body = operation.requestBody {
                var request = container.nestedContainer(keyedBy: Name.self, forKey: Name("requestBody"))
                try request.encode(true, forKey: Name("required"))
                try request.encode([operation.requestContentType: ["schema": body]], forKey: Name("content"))
            }
            var responses = container.nestedContainer(keyedBy: Name.self, forKey: Name("responses"))
            var success = responses.nestedContainer(keyedBy: Name.self, forKey: Name(String(operation.successStatus)))
            try success.encode(operation.successStatus == 204 ? "No content" : "Success", forKey: Name("description"))
            if let response = operation.response {
                try success.encode(["application/json": ["schema": response]], forKey: Name("content"))
            }
            for status in Set(operation.errors + [400]).sorted() {
                var failure = responses.nestedContainer(keyedBy: Name.self, forKey: Name(String(status)))
                try failure.encode(HTTPResponseStatus(statusCode: status).reasonPhrase, forKey: Name("description"))
                try failure.encode(["application/json": ["schema": JSONSchema.ref("Error")]], forKey: Name("content"))
            }
        }
    }

    static let errorSchema = JSONSchema.object([
        ("error", .object([
            ("code", .string(description: "Stable machine-readable code, e.g. validation_failed")),
            ("message", .string(description: "What went wrong, for people")),
            ("fields", .dictionary(.string(description: "Why this field was rejected"))),
        ], required: ["code", "message"])),
    ], required: ["error"])
}
