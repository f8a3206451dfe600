import CRMCore
import Fluent
import Vapor

/// `POST /contacts/vcard` (import with `?dryRun=true` preview); the exports are `VCardExport`, shared with the pages.
enum VCardAPIController {
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
