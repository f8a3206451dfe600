import CRMCore
import Fluent
import Vapor

/// `GET /contacts/{id}/vcard`, `GET /contacts.vcf` and `POST /contacts/vcard` (import with `?dryRun=true` preview).
enum VCardAPIController {
    static func version(_ request: Request) throws -> VCardVersion {
        guard let raw = request.query[String.self, at: "version"], !raw.isEmpty else { return .v4 }
        guard let version = VCardVersion(rawValue: raw) else {
            throw APIError.badRequest("A parameter is not valid.", fields: ["version": "must be 4.0 or 3.0"])
        }
        return version
    }

    static func vcardResponse(_ cards: [VCard], version: VCardVersion, fileName: String) -> Response {
        let response = Response(status: .ok, body: .init(string: VCardFormat.write(cards, version: version)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "vcard", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return response
    }

    @Sendable static func one(_ request: Request) async throws -> Response {
        let version = try version(request)
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        let cards = try await ContactVCards(db: request.db, defaultCountry: request.application.config.defaultCountry).cards(for: [contact])
        return vcardResponse(cards, version: version, fileName: "contact.vcf")
    }

    /// The contacts the list filters select (owner, account, tag), at most 10,000, by name.
    @Sendable static func list(_ request: Request) async throws -> Response {
        let version = try version(request)
        let filter = try ContactFilter(request)
        let query = Contact.query(on: request.db).filter(\.$archivedAt == nil)
        if let owner = filter.owner { query.filter(\.$owner.$id == owner) }
        if let account = filter.account { query.filter(\.$account.$id == account) }
        if let tag = filter.tag {
            query.join(CustomerTag.self, on: \Contact.$id == \CustomerTag.$subjectID)
                .filter(CustomerTag.self, \.$subjectType == "contact").filter(CustomerTag.self, \.$tag == tag)
        }
        let contacts = try await query.sort(\.$displayName).sort(\.$id).limit(10_000).all()
        let cards = try await ContactVCards(db: request.db, defaultCountry: request.application.config.defaultCountry).cards(for: contacts)
        return vcardResponse(cards, version: version, fileName: "contacts.vcf")
    }

    @Sendable static func importCards(_ request: Request) async throws -> ContactVCards.Report {
        guard let text = request.body.string, !text.isEmpty else { throw APIError.badRequest("Send the vCard file as the request body.") }
        let dryRun = request.query[String.self, at: "dryRun"].map { $0 == "true" || $0 == "1" } ?? false
        return try await ContactVCards(db: request.db, defaultCountry: request.application.config.defaultCountry)
            .importCards(text, actor: try request.user, now: request.now, dryRun: dryRun)
    }

    static var operations: [APIOperation] {
        let versionParameter = APIOperation.query("version", .string(enumeration: ["4.0", "3.0"]), "vCard version, default 4.0")
        return [
            .init(method: .GET, path: "/contacts/{contactID}/vcard", summary: "A contact as a vCard (text/vcard)", tag: "Customers",
                  parameters: [APIOperation.pathParameter("contactID", "The contact's id"), versionParameter], errors: [400, 401, 404]),
            .init(method: .GET, path: "/contacts.vcf", summary: "The contacts a filter selects, as one vCard file", tag: "Customers",
                  parameters: [versionParameter, APIOperation.query("owner", .uuid, "Only this owner's contacts"),
                               APIOperation.query("account", .uuid, "Only this account's contacts"), APIOperation.query("tag", .string(), "Only contacts with this tag")],
                  errors: [400, 401]),
            .init(method: .POST, path: "/contacts/vcard", summary: "Import a vCard 3.0/4.0 file: new cards are created, matches and conflicts reported",
                  tag: "Customers", parameters: [APIOperation.query("dryRun", .boolean, "true previews without writing")],
                  requestBody: .string(description: "The vCard file"), requestContentType: "text/vcard", response: .ref("VCardImport"),
                  errors: [400, 401, 413, 422]),
        ]
    }
}
