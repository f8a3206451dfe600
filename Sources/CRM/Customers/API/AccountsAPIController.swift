import CRMCore
import Fluent
import Vapor

/// `/api/v1/accounts`: the customer companies and individuals.
enum AccountsAPIController {
    /// Lists accounts with filters, sorted and paged; archived ones only with `archived=true`.
    @Sendable static func list(_ request: Request) async throws -> ListPage<AccountDTO> {
        try await AccountFilter(request).page(on: request.db, paging: try PageRequest(from: request))
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
