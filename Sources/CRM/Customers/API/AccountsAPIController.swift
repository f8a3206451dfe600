import CRMCore
import Fluent
import Vapor

/// `/api/v1/accounts`: the customer companies and individuals.
enum AccountsAPIController {
    /// Lists accounts with filters, sorted and paged; archived ones only with `archived=true`.
    @Sendable static func list(_ request: Request) async throws -> ListPage<AccountDTO> {
        try await AccountFilter(request).page(on: request.db, paging: try PageRequest(from: request))
    }

    /// Creates an account owned by the caller (or, for managers and admins, by `ownerId`).
    @Sendable static func create(_ request: Request) async throws -> Response {
        let input = try request.decodeStrict(AccountInput.self)
        let account = try await AccountStore(request).create(input)
        let dto = try await AccountStore.dto(try await AccountStore.load(account.id, on: request.db), on: request.db)
        return try .json(dto, status: .created, version: dto.version)
    }

    /// One account; its ETag is the version to send back with a change.
    @Sendable static func show(_ request: Request) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        let dto = try await AccountStore.dto(account, on: request.db)
        return try .json(dto, version: dto.version)
    }

    /// Changes the fields present in the body (JSON Merge Patch; `null` clears). Needs `If-Match`.
    @Sendable static func patch(_ request: Request) async throws -> Response {
        let store = try AccountStore(request)
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        try store.requireEdit(account)
        let expected = try request.expectedVersion()
        let current = try await AccountStore.dto(account, on: request.db)
        let input = try request.mergePatch(onto: current.input)
        try await store.update(account, with: input, expectedVersion: expected)
        let dto = try await AccountStore.dto(try await AccountStore.load(account.id, on: request.db), on: request.db)
        return try .json(dto, version: dto.version)
    }

    /// Archives (hides from lists and search, keeps everything) or restores.
    @Sendable static func setArchived(_ request: Request, archived: Bool) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        try await AccountStore(request).setArchived(account, archived)
        let dto = try await AccountStore.dto(try await AccountStore.load(account.id, on: request.db), on: request.db)
        return try .json(dto, version: dto.version)
    }

    /// Erases the account for good (admins only; recorded in the audit log).
    @Sendable static func erase(_ request: Request) async throws -> HTTPStatus {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        try await AccountStore(request).erase(account)
        return .noContent
    }

    static var operations: [APIOperation] {
        let id = APIOperation.pathParameter("accountID", "The account's id")
        let one = JSONSchema.ref("Account")
        return [
            .init(method: .GET, path: "/accounts", summary: "List accounts", tag: "Accounts",
                  parameters: APIOperation.pagingParameters + [ListSort.parameter,
                      APIOperation.query("owner", .uuid, "Only accounts this user owns"),
                      APIOperation.query("tag", .string(), "Only accounts with this tag"),
                      APIOperation.query("industry", .string(), "Only accounts in this industry"),
                      APIOperation.query("parent", .uuid, "Only subsidiaries of this account"),
                      APIOperation.query("updatedSince", .dateTime, "Only accounts changed since"),
                      APIOperation.query("archived", .boolean, "true lists the archived accounts instead")],
                  response: .object([("items", .array(one)), ("nextCursor", .nullable(.string()))], required: ["items"])),
            .init(method: .POST, path: "/accounts", summary: "Create an account", tag: "Accounts",
                  requestBody: .ref("AccountInput"), successStatus: 201, response: one, errors: [401, 403, 422]),
            .init(method: .GET, path: "/accounts/{accountID}", summary: "One account (ETag: its version)", tag: "Accounts",
                  parameters: [id], response: one, errors: [401, 404]),
            .init(method: .PATCH, path: "/accounts/{accountID}", summary: "Change an account (JSON Merge Patch, If-Match required)", tag: "Accounts",
                  parameters: [id], requestBody: .ref("AccountInput"), response: one, errors: [401, 403, 404, 409, 422, 428]),
            .init(method: .POST, path: "/accounts/{accountID}/archive", summary: "Archive an account", tag: "Accounts",
                  parameters: [id], response: one, errors: [401, 403, 404]),
            .init(method: .POST, path: "/accounts/{accountID}/restore", summary: "Restore an archived account", tag: "Accounts",
                  parameters: [id], response: one, errors: [401, 403, 404]),
            .init(method: .DELETE, path: "/accounts/{accountID}", summary: "Erase an account for good (admin; audited)", tag: "Accounts",
                  parameters: [id], successStatus: 204, errors: [401, 403, 404, 409]),
        ]
    }
}
