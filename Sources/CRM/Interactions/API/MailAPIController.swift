import CRMCore
import Fluent
import Vapor

/// `POST /api/v1/mail/inbound` for a mail service's webhook, and the unmatched inbox.
enum MailAPIController {
    struct IngestResult: Content {
        let id: UUID
        let duplicate: Bool
        let unmatched: Bool
        let contacts: Int

        static let schema = JSONSchema.object([("id", .uuid), ("duplicate", .boolean), ("unmatched", .boolean), ("contacts", .integer())],
                                              required: ["id", "duplicate", "unmatched", "contacts"])
    }

    /// The raw RFC 5322 message as the body: 201 when stored, 200 when it was stored before, 422 with the reason
    /// when it cannot be read (nothing is stored).
    @Sendable static func inbound(_ request: Request) async throws -> Response {
        guard let body = request.body.data, body.readableBytes > 0 else {
            throw APIError.invalid(["message": MailParseError.empty.description])
        }
        let outcome = try await ingest(Array(body.readableBytesView), on: request.db, now: request.now)
        let count = try await InteractionContact.query(on: request.db).filter(\.$interaction.$id == outcome.interaction.requireID()).count()
        let result = IngestResult(id: try outcome.interaction.requireID(), duplicate: { if case .duplicate = outcome { true } else { false } }(),
                                  unmatched: outcome.interaction.isUnmatched, contacts: count)
        return try .json(result, status: result.duplicate ? .ok : .created)
    }

    static func ingest(_ raw: [UInt8], on db: any Database, now: Date) async throws -> MailIngest.Outcome {
        do {
            return try await MailIngest(db: db, now: now).ingest(raw)
        } catch let error as MailParseError {
            throw APIError.invalid(["message": error.description])
        }
    }

    @Sendable static func unmatched(_ request: Request) async throws -> ListPage<InteractionDTO> {
        let paging = try PageRequest(from: request)
        let query = Interaction.query(on: request.db).filter(\.$isUnmatched == true).with(\.$user).with(\.$createdBy).with(\.$contacts).with(\.$lines)
        let rows = try await Keyset.page(query, by: "occurred_at", descending: true, paging: paging).all()
        let names = try await InteractionDTO.names(of: Array(rows.prefix(paging.limit)), on: request.db)
        return Keyset.listPage(rows, paging: paging) { InteractionDTO($0, names: names) }
    }

    struct AttachInput: Content { var contactId: UUID? }

    /// Files an unmatched email under a contact.
    @Sendable static func attach(_ request: Request) async throws -> InteractionDTO {
        let interaction = try await InteractionStore.load(try request.pathUUID("interactionID"), on: request.db)
        let input = try request.content.decode(AttachInput.self)
        guard let contactID = input.contactId else { throw APIError.invalid(["contactId": "must name the contact to file the email under"]) }
        guard let contact = try await CustomerDirectory(db: request.db).contact(contactID) else { throw APIError.invalid(["contactId": "names no contact"]) }
        try await MailIngest.attach(interaction, to: contact, actor: try request.user, on: request.db)
        return try await InteractionDTO.load(interaction.requireID(), on: request.db)
    }
}
