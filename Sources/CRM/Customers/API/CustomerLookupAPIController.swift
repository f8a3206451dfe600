import CRMCore
import Vapor

/// Cards, caller lookup and quick search over accounts and contacts.
enum CustomerLookupAPIController {
    /// An account with its contacts, organisation chart, competitors and history, in one request.
    @Sendable static func accountCard(_ request: Request) async throws -> CustomerCards.AccountCard {
        try await CustomerCards.account(try request.pathUUID("accountID"), on: request.db)
    }

    /// A contact with their account and history, in one request.
    @Sendable static func contactCard(_ request: Request) async throws -> CustomerCards.ContactCard {
        try await CustomerCards.contact(try request.pathUUID("contactID"), on: request.db)
    }

    /// Who has this phone number, written any common way.
    @Sendable static func lookup(_ request: Request) async throws -> Response {
        let result = try await CallerLookup(db: request.db, now: request.now).find(try phoneQuery(request))
        return try .json(try await CallerAnswer.of(result, request))
    }

    static func phoneQuery(_ request: Request) throws -> PhoneNumber {
        let raw = request.query[String.self, at: "phone"] ?? ""
        do {
            return try PhoneNumber(raw, defaultCountry: request.application.config.defaultCountry)
        } catch {
            throw APIError.badRequest("The phone number cannot be read.", fields: ["phone": error.description])
        }
    }

    /// Accounts and contacts whose name, email or phone number contains `q`, best matches first.
    @Sendable static func search(_ request: Request) async throws -> ListPage<CustomerSearch.Hit> {
        let q = (request.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty, q.count <= 100 else {
            throw APIError.badRequest("Say what to search for.", fields: ["q": "must be 1 to 100 characters"])
        }
        let paging = try PageRequest(from: request)
        return try await CustomerSearch(db: request.db, defaultCountry: request.application.config.defaultCountry).page(q, paging: paging)
    }

    /// Active accounts whose name or a word of it starts with `q`, for the account pickers' type-ahead (at most `limit`, 10 by default).
    /// Served to pages too, with the session, so the form's script and the API read the same.
    @Sendable static func suggestAccounts(_ request: Request) async throws -> [CustomerSearch.Hit] {
        let q = (request.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty, q.count <= 100 else {
            throw APIError.badRequest("Say what the name starts with.", fields: ["q": "must be 1 to 100 characters"])
        }
        let limit = request.query[String.self, at: "limit"].map { Int($0) } ?? 10
        guard let limit, (1...50).contains(limit) else { throw APIError.badRequest("The limit is 1 to 50.", fields: ["limit": "must be 1 to 50"]) }
        return try await CustomerSearch(db: request.db).accounts(startingWith: q, limit: limit)
    }

    static var operations: [APIOperation] {
        [
            .init(method: .GET, path: "/accounts/suggest", summary: "Type-ahead: active accounts whose name or a word of it starts with q", tag: "Accounts",
                  parameters: [APIOperation.query("q", .string(), "The first letters typed"),
                               APIOperation.query("limit", .integer(description: "1–50, default 10"), "How many")],
                  response: .array(CustomerSearch.hitSchema), errors: [400, 401]),
            .init(method: .GET, path: "/accounts/{accountID}/card", summary: "An account's full card", tag: "Accounts",
                  parameters: [APIOperation.pathParameter("accountID", "The account's id")], response: .ref("AccountCard"), errors: [401, 404]),
            .init(method: .GET, path: "/contacts/{contactID}/card", summary: "A contact's full card", tag: "Contacts",
                  parameters: [APIOperation.pathParameter("contactID", "The contact's id")], response: .ref("ContactCard"), errors: [401, 404]),
            .init(method: .GET, path: "/lookup", summary: "Caller lookup: who has this phone number", tag: "Lookup",
                  parameters: [APIOperation.query("phone", .string(), "A phone number in any common writing")],
                  response: CallerAnswer.schema, errors: [401]),
            .init(method: .GET, path: "/search", summary: "Search accounts and contacts by name, email or phone", tag: "Lookup",
                  parameters: [APIOperation.query("q", .string(), """
                      What to look for. Exact matches of a name, word, email or number come first (by name), then those \
                      starting with it (by term, then name), then those containing it (three characters or more, or any \
                      part of a Chinese, Japanese or Korean name; oldest record first).
                      """)] + APIOperation.pagingParameters,
                  response: .object([("items", .array(CustomerSearch.hitSchema)), ("nextCursor", .nullable(.string()))], required: ["items"]),
                  errors: [401]),
        ]
    }
}
