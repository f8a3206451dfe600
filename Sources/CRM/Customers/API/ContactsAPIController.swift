import CRMCore
import Fluent
import Vapor

/// `/api/v1/contacts`: the people at customers.
enum ContactsAPIController {
    /// Lists contacts with filters, sorted and paged; archived ones only with `archived=true`.
    @Sendable static func list(_ request: Request) async throws -> ListPage<ContactDTO> {
        try await ContactFilter(request).page(on: request.db, paging: try PageRequest(from: request))
    }

    static var operations: [APIOperation] {
        let id = APIOperation.pathParameter("contactID", "The contact's id")
        let one = JSONSchema.ref("Contact")
        return [
            .init(method: .GET, path: "/contacts", summary: "List contacts", tag: "Contacts",
                  parameters: APIOperation.pagingParameters + [ListSort.parameter,
                      APIOperation.query("owner", .uuid, "Only contacts this user owns"),
                      APIOperation.query("account", .uuid, "Only contacts of this account"),
                      APIOperation.query("tag", .string(), "Only contacts with this tag"),
                      APIOperation.query("updatedSince", .dateTime, "Only contacts changed since"),
                      APIOperation.query("archived", .boolean, "true lists the archived contacts instead")],
                  response: .object([("items", .array(one)), ("nextCursor", .nullable(.string()))], required: ["items"])),
            .init(method: .POST, path: "/contacts", summary: "Create a contact", tag: "Contacts",
                  requestBody: .ref("ContactInput"), successStatus: 201, response: one, errors: [401, 403, 422]),
            .init(method: .GET, path: "/contacts/{contactID}", summary: "One contact (ETag: its version)", tag: "Contacts",
                  parameters: [id], response: one, errors: [401, 404]),
            .init(method: .PATCH, path: "/contacts/{contactID}", summary: "Change a contact (JSON Merge Patch, If-Match required)", tag: "Contacts",
                  parameters: [id], requestBody: .ref("ContactInput"), response: one, errors: [401, 403, 404, 409, 422, 428]),
            .init(method: .POST, path: "/contacts/{contactID}/archive", summary: "Archive a contact", tag: "Contacts",
                  parameters: [id], response: one, errors: [401, 403, 404]),
            .init(method: .POST, path: "/contacts/{contactID}/restore", summary: "Restore an archived contact", tag: "Contacts",
                  parameters: [id], response: one, errors: [401, 403, 404]),
            .init(method: .DELETE, path: "/contacts/{contactID}", summary: "Erase a contact's personal data for good (admin; audited)", tag: "Contacts",
                  parameters: [id], successStatus: 204, errors: [401, 403, 404]),
        ]
    }
}
