import CRMCore
import Fluent
import Vapor

/// `/api/v1/contacts`: the people at customers.
enum ContactsAPIController {
    /// Lists contacts with filters, sorted and paged; archived ones only with `archived=true`.
    @Sendable static func list(_ request: Request) async throws -> ListPage<ContactDTO> {
        try await ContactFilter(request).page(on: request.db, paging: try PageRequest(from: request))
    }

    /// Creates a contact owned by the caller (or, for managers and admins, by `ownerId`).
    @Sendable static func create(_ request: Request) async throws -> Response {
        let input = try request.decodeStrict(ContactInput.self)
        let contact = try await ContactStore(request).create(input)
        let dto = try await ContactStore.dto(try await ContactStore.load(contact.id, on: request.db), on: request.db)
        return try .json(dto, status: .created, version: dto.version)
    }

    /// One contact; its ETag is the version to send back with a change.
    @Sendable static func show(_ request: Request) async throws -> Response {
        let dto = try await ContactStore.dto(try await ContactStore.load(try request.pathUUID("contactID"), on: request.db), on: request.db)
        return try .json(dto, version: dto.version)
    }

    /// Changes the fields present in the body (JSON Merge Patch; `null` clears). Needs `If-Match`.
    @Sendable static func patch(_ request: Request) async throws -> Response {
        let store = try ContactStore(request)
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        try store.requireEdit(contact)
        let expected = try request.expectedVersion()
        let input = try request.mergePatch(onto: try await ContactStore.dto(contact, on: request.db).input)
        try await store.update(contact, with: input, expectedVersion: expected)
        let dto = try await ContactStore.dto(try await ContactStore.load(contact.id, on: request.db), on: request.db)
        return try .json(dto, version: dto.version)
    }

    /// Archives (hides from lists and search, keeps everything) or restores.
    @Sendable static func setArchived(_ request: Request, archived: Bool) async throws -> Response {
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        try await ContactStore(request).setArchived(contact, archived)
        let dto = try await ContactStore.dto(try await ContactStore.load(contact.id, on: request.db), on: request.db)
        return try .json(dto, version: dto.version)
    }

    /// Erases the person's data for good (admins only; recorded in the audit log).
    @Sendable static func erase(_ request: Request) async throws -> HTTPStatus {
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        try await ContactStore(request).erase(contact)
        return .noContent
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
