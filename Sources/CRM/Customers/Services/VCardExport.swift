import CRMCore
import Fluent
import Vapor

/// vCard files of one contact (`/contacts/{id}/vcard`) or of the contacts a list's filters select (`/contacts.vcf`),
/// for the API and the signed-in browser alike; `?version=3.0` for older address books.
enum VCardExport {
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
        let query = Contact.query(on: request.db)
        filter.common.narrow(query)
        filter.narrow(query)
        let contacts = try await query.sort(\.$displayName).sort(\.$id).limit(10_000).all()
        let cards = try await ContactVCards(db: request.db, defaultCountry: request.application.config.defaultCountry).cards(for: contacts)
        return vcardResponse(cards, version: version, fileName: "contacts.vcf")
    }
}
