import Vapor

/// Turns every error into the API's JSON shape under `/api`, and into an error page elsewhere.
/// Unexpected errors are logged in full but shown only as a generic message.
struct CRMErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let apiError = Self.describe(error, logger: request.logger)
            if request.url.path.hasPrefix("/api/") {
                return Self.jsonResponse(apiError)
            }
            return ErrorPage.response(for: apiError, request: request)
        }
    }

    static func jsonResponse(_ error: APIError) -> Response {
        let envelope = ErrorEnvelope(error: .init(code: error.code, message: error.message, fields: error.fields.isEmpty ? nil : error.fields))
        let response = Response(status: error.status, headers: error.headers)
        try? response.content.encode(envelope, as: .json)
        return response
    }

    static func describe(_ error: any Error, logger: Logger) -> APIError {
        switch error {
        case let apiError as APIError:
            return apiError
        case let decoding as DecodingError:
            return describe(decoding)
        case let validation as ValidationsError:
            var fields: [String: String] = [:]
            for failure in validation.failures where failure.result.isFailure {
                fields[failure.key.stringValue] = failure.result.failureDescription ?? "is not valid"
            }
            return .invalid(fields)
        case let abort as any AbortError where abort.status == .payloadTooLarge:
            return APIError(.payloadTooLarge, code: "payload_too_large", message: "The request body is larger than the 1 MB this server accepts.")
        case let abort as any AbortError where abort.status == .unsupportedMediaType:
            // Vapor's answer to a missing or non-JSON body; to a client it is simply a bad request.
            return .badRequest("Send the body as JSON with Content-Type: application/json.")
        case let abort as any AbortError:
            if abort.status.code >= 500 { logger.error("\(String(reflecting: error))") }
            return APIError(abort.status, code: code(for: abort.status), message: abort.reason)
        default:
            logger.error("Unexpected error: \(String(reflecting: error))")
            return APIError(.internalServerError, code: "internal", message: "Something went wrong on the server; it has been logged.")
        }
    }

    private static func describe(_ error: DecodingError) -> APIError {
        func path(_ context: DecodingError.Context) -> String { fieldPath(context.codingPath) }
        switch error {
        case let .keyNotFound(key, context):
            let field = fieldPath(context.codingPath + [key])
            return .badRequest("The request is missing a field.", fields: [field: "is required"])
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return .badRequest("A field has the wrong type.", fields: [path(context): "must be \(Self.typeName(type))"])
        case let .dataCorrupted(context):
            let field = path(context)
            return field.isEmpty
                ? .badRequest("The request body is not valid JSON.")
                : .badRequest("A field is not valid.", fields: [field: context.debugDescription])
        @unknown default:
            return .badRequest("The request could not be read.")
        }
    }

    /// A member's place as validation errors name it: `phones[0].value`, `contactIds[1]`.
    static func fieldPath(_ keys: [any CodingKey]) -> String {
        keys.reduce(into: "") { path, key in
            if let index = key.intValue { path += "[\(index)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        case is Double.Type: "a number"
        default: "of type \(type)"
        }
    }

    static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 422: "validation_failed"
        case 429: "rate_limited"
        default: status.code >= 500 ? "internal" : "error"
        }
    }
}
