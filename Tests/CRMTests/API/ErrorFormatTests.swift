import Testing
import VaporTesting
@testable import CRM

@Suite struct ErrorFormatTests {
    struct Envelope: Decodable {
        struct Body: Decodable {
            let code: String
            let message: String
            let fields: [String: String]?
        }
        let error: Body
    }

    @Test func unauthorizedRequestsGetTheErrorShape() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/me")
            #expect(response.status == .unauthorized)
            #expect(response.headers.contentType == .json)
            let body = try response.content.decode(Envelope.self)
            #expect(body.error.code == "unauthorized")
            #expect(body.error.message.contains("Bearer"))
        }
    }

    @Test func badPagingNamesTheField() async throws {
        try await withTestApp { app in
            let (_, token) = try await app.makeTokenUser("ona@example.lt")
            let response = try await app.testing().sendRequest(.GET, "/api/v1/users?limit=500&cursor=garbage", headers: .bearer(token))
            #expect(response.status == .badRequest)
            let body = try response.content.decode(Envelope.self)
            #expect(body.error.code == "bad_request")
            #expect(body.error.fields?["limit"] == "must be a whole number from 1 to 200")
            #expect(body.error.fields?["cursor"] != nil)
        }
    }

    /// Decoding names a member the way validation does: `phones[0].value`, not `phones.Index 0.value` or `contactIds.0`.
    @Test func decodingErrorsNameFieldsLikeValidationDoes() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("ona@example.lt")
            let missing = try await api.send(.POST, "/api/v1/contacts", json: ["givenName": "Ona", "phones": [["label": "work"]]])
            let wrongType = try await api.send(.POST, "/api/v1/interactions", json: ["kind": "note", "subject": "x", "contactIds": [12]])
            let invalid = try await api.send(.POST, "/api/v1/contacts", json: ["givenName": "Ona", "phones": [["label": "fax machine", "value": "+370 612 34567"]]])

            #expect(try ErrorBody.of(missing).fields?.keys.sorted() == ["phones[0].value"])
            #expect(try ErrorBody.of(wrongType).fields?.keys.sorted() == ["contactIds[0]"])
            #expect(try ErrorBody.of(invalid).fields?.keys.sorted() == ["phones[0].label"])
        }
    }

    @Test func missingThingsAreNotFound() async throws {
        try await withTestApp { app in
            let (_, token) = try await app.makeTokenUser("ona@example.lt")
            let missingUser = try await app.testing().sendRequest(.GET, "/api/v1/users/\(UUID())", headers: .bearer(token))
            #expect(missingUser.status == .notFound)
            #expect(try missingUser.content.decode(Envelope.self).error.code == "not_found")

            let noRoute = try await app.testing().sendRequest(.GET, "/api/v1/no-such-thing", headers: .bearer(token))
            #expect(noRoute.status == .notFound)
            #expect(try noRoute.content.decode(Envelope.self).error.code == "not_found")
        }
    }

    @Test func aMissingBodyIsABadRequest() async throws {
        try await withTestApp { app in
            let (_, token) = try await app.makeTokenUser("ona@example.lt")
            let response = try await app.testing().sendRequest(.POST, "/api/v1/accounts", headers: .bearer(token))
            #expect(response.status == .badRequest)
            #expect(try response.content.decode(Envelope.self).error.message.contains("Content-Type: application/json"))
        }
    }

    @Test func pagesShowErrorsAsAPage() async throws {
        try await withTestApp { app in
            let response = try await app.testing().sendRequest(.GET, "/no-such-page")
            #expect(response.status == .notFound)
            #expect(response.headers.contentType == .html)
        }
    }

    @Test func malformedJSONIsABadRequest() {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        let error = CRMErrorMiddleware.describe(DecodingError.keyNotFound(
            Key(stringValue: "email"), .init(codingPath: [], debugDescription: "")), logger: .init(label: "test"))
        #expect(error.status == HTTPResponseStatus.badRequest)
        #expect(error.fields == ["email": "is required"])
    }
}
