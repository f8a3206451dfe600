import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Calls the JSON API as one user, the way an integration would.
struct APIClient {
    let app: Application
    let token: String

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, ifMatch: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders.bearer(token)
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        }
        if let ifMatch { headers.replaceOrAdd(name: .ifMatch, value: ifMatch) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }

    /// The SQL statements a request ran, with its response.
    func statements(_ method: HTTPMethod = .GET, get path: String, json: [String: Any]? = nil, ifMatch: String? = nil) async throws -> (TestingHTTPResponse, [String]) {
        let id = UUID().uuidString
        var headers = HTTPHeaders.bearer(token)
        headers.add(name: .xRequestId, value: id)
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))
        }
        if let ifMatch { headers.replaceOrAdd(name: .ifMatch, value: ifMatch) }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        return (response, TestLog.statements(ofRequest: id))
    }

    /// Sends a JSON array, as the bulk settings endpoints take.
    func send(_ method: HTTPMethod, _ path: String, jsonArray: [[String: Any]]) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders.bearer(token)
        headers.contentType = .json
        return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: jsonArray)))
    }

    /// Sends raw bytes, as a mail service posts a message.
    func send(_ method: HTTPMethod, _ path: String, raw: [UInt8], contentType: HTTPMediaType = HTTPMediaType(type: "message", subType: "rfc822")) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders.bearer(token)
        headers.contentType = contentType
        return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(bytes: raw))
    }

    func decode<T: Decodable>(_ type: T.Type, _ method: HTTPMethod, _ path: String, jsonArray: [[String: Any]],
                              sourceLocation: SourceLocation = #_sourceLocation) async throws -> T {
        let response = try await send(method, path, jsonArray: jsonArray)
        #expect(response.status == .ok, "\(response.body.string)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(T.self, from: Data(response.body.string.utf8))
    }

    /// Sends a text file and decodes the answer, expecting 200.
    func decode<T: Decodable>(_ type: T.Type, _ method: HTTPMethod, _ path: String, raw text: String,
                              sourceLocation: SourceLocation = #_sourceLocation) async throws -> T {
        let response = try await send(method, path, raw: Array(text.utf8), contentType: HTTPMediaType(type: "text", subType: "vcard"))
        #expect(response.status == .ok, "\(response.body.string)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(T.self, from: Data(response.body.string.utf8))
    }

    /// POSTs a new record and decodes it, expecting 201.
    func create<T: Decodable>(_ type: T.Type, _ path: String, json: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) async throws -> T {
        try await decode(type, .POST, path, json: json, status: .created, sourceLocation: sourceLocation)
    }

    /// Sends and decodes, expecting `status`.
    @discardableResult
    func decode<T: Decodable>(_ type: T.Type, _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil,
                              ifMatch: String? = nil, status: HTTPResponseStatus = .ok,
                              sourceLocation: SourceLocation = #_sourceLocation) async throws -> T {
        let response = try await send(method, path, json: json, ifMatch: ifMatch)
        #expect(response.status == status, "\(response.body.string) \(response.status.code >= 500 ? TestLog.errors : "")",
                sourceLocation: sourceLocation)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(response.body.string.utf8))
    }

    @discardableResult
    func createAccount(_ fields: [String: Any]) async throws -> AccountDTO {
        try await decode(AccountDTO.self, .POST, "/api/v1/accounts", json: fields, status: .created)
    }

    @discardableResult
    func createContact(_ fields: [String: Any]) async throws -> ContactDTO {
        try await decode(ContactDTO.self, .POST, "/api/v1/contacts", json: fields, status: .created)
    }
}

extension Application {
    func apiClient(_ email: String, role: CRMCore.Role = .sales) async throws -> (APIClient, User) {
        let (user, token) = try await makeTokenUser(email, role: role)
        return (APIClient(app: self, token: token), user)
    }
}

/// The `error` member of an API error response.
struct ErrorBody: Decodable {
    struct Body: Decodable {
        let code: String
        let message: String
        let fields: [String: String]?
    }
    let error: Body

    static func of(_ response: TestingHTTPResponse) throws -> Body {
        try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.string.utf8)).error
    }
}

import CRMCore
