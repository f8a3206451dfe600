import Vapor

/// The one error shape of the API: `{"error": {"code", "message", "fields"}}`.
/// Web pages show the same message on an error page.
public struct APIError: AbortError, Sendable {
    public let status: HTTPResponseStatus
    public let code: String
    public let message: String
    public let fields: [String: String]
    public var headers: HTTPHeaders = [:]

    public var reason: String { message }

    public init(_ status: HTTPResponseStatus, code: String, message: String, fields: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }

    public static func badRequest(_ message: String, fields: [String: String] = [:]) -> APIError {
        .init(.badRequest, code: "bad_request", message: message, fields: fields)
    }
    public static func invalid(_ fields: [String: String]) -> APIError {
        .init(.unprocessableEntity, code: "validation_failed", message: "Some fields are not valid.", fields: fields)
    }
    public static let unauthorized = APIError(.unauthorized, code: "unauthorized", message: "Sign in or send a valid API token as 'Authorization: Bearer <token>'.")
    public static let forbidden = APIError(.forbidden, code: "forbidden", message: "Your role does not allow this.")
    public static func notFound(_ what: String) -> APIError {
        .init(.notFound, code: "not_found", message: "\(what) was not found.")
    }
    public static func conflict(_ message: String, fields: [String: String] = [:]) -> APIError {
        .init(.conflict, code: "conflict", message: message, fields: fields)
    }
}

struct ErrorEnvelope: Content {
    struct Body: Content {
        let code: String
        let message: String
        let fields: [String: String]?
    }
    let error: Body
}
