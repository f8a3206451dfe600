import CRMCore
import Fluent
import Vapor

/// `/api/v1/interactions`, timelines, last quoted prices and the contact-frequency cap.
enum InteractionsAPIController {
    @Sendable static func create(_ request: Request) async throws -> Response {
        let interaction = try await InteractionStore(request).create(try request.decodeStrict(InteractionInput.self))
        let dto = try await InteractionDTO.load(interaction.requireID(), on: request.db)
        return try .json(dto, status: .created, version: dto.version)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let dto = try await InteractionDTO.load(try request.pathUUID("interactionID"), on: request.db)
        return try .json(dto, version: dto.version)
    }

    /// Corrects the text (If-Match required); the earlier text is kept in the edit history.
    @Sendable static func patch(_ request: Request) async throws -> Response {
        let interaction = try await InteractionStore.load(try request.pathUUID("interactionID"), on: request.db)
        let store = try InteractionStore(request)
        guard store.canEdit(interaction) else { throw APIError.forbidden }
        let expected = try request.expectedVersion()
        try await store.edit(interaction, with: try request.decodeStrict(InteractionEditInput.self), expectedVersion: expected)
        let dto = try await InteractionDTO.load(interaction.requireID(), on: request.db)
        return try .json(dto, version: dto.version)
    }

    @Sendable static func edits(_ request: Request) async throws -> [InteractionEditDTO] {
        let id = try request.pathUUID("interactionID")
        _ = try await InteractionStore.load(id, on: request.db)
        return try await InteractionEdit.query(on: request.db).filter(\.$interaction.$id == id).with(\.$editedBy).sort(\.$editedAt).all()
            .map { InteractionEditDTO(editedAt: $0.editedAt, editedBy: UserRef($0.editedBy), previous: $0.previous) }
    }

    @Sendable static func accountTimeline(_ request: Request) async throws -> ListPage<Timeline.Entry> {
        let id = try request.pathUUID("accountID")
        _ = try await CustomerDirectory(db: request.db).requireAccount(id)
        return try await Timeline(request).page(of: .account(id), filter: try Timeline.Filter(request), paging: try PageRequest(from: request))
    }

    @Sendable static func contactTimeline(_ request: Request) async throws -> ListPage<Timeline.Entry> {
        let id = try request.pathUUID("contactID")
        _ = try await CustomerDirectory(db: request.db).requireContact(id)
        return try await Timeline(request).page(of: .contact(id), filter: try Timeline.Filter(request), paging: try PageRequest(from: request))
    }

    /// `?item=` a product id or the text of a free item; 404 when nothing was quoted for it.
    @Sendable static func latestQuote(_ request: Request) async throws -> QuotedPrices.LatestDTO {
        let id = try request.pathUUID("accountID")
        _ = try await CustomerDirectory(db: request.db).requireAccount(id)
        guard let item = request.query[String.self, at: "item"], let key = QuotedPrices.itemKey(item) else {
            throw APIError.badRequest("Say which item.", fields: ["item": "must be a product id or the item's text"])
        }
        guard let line = try await QuotedPrices.latest(accountID: id, itemKey: key, on: request.db) else { throw APIError.notFound("A quote for this item") }
        return QuotedPrices.LatestDTO(line, today: CalendarDate.today(at: request.now))
    }

    struct CapStatusDTO: Content {
        let channel: String
        let reached: Bool
        let count: Int
        let rule: String?
        let allowedAgainAt: Date?

        static let schema = JSONSchema.object([("channel", .string()), ("reached", .boolean), ("count", .integer()), ("rule", .nullable(.string())),
                                               ("allowedAgainAt", .nullable(.dateTime))], required: ["channel", "reached", "count"])
    }

    /// Whether one more outbound contact on `?channel=` (default email) would pass the cap.
    @Sendable static func capStatus(_ request: Request) async throws -> CapStatusDTO {
        let id = try request.pathUUID("contactID")
        _ = try await CustomerDirectory(db: request.db).requireContact(id)
        let raw = request.query[String.self, at: "channel"] ?? "email"
        guard let channel = InteractionKind(rawValue: raw) else {
            throw APIError.badRequest("A parameter is not valid.", fields: ["channel": "must be one of " + InteractionKind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        let status = try await ContactCapCheck(db: request.db, now: request.now).status(of: id, channel: channel)
        return CapStatusDTO(channel: channel.rawValue, reached: status.isReached, count: status.count,
                            rule: status.reachedRule?.description, allowedAgainAt: status.allowedAgainAt)
    }

    @Sendable static func generalRules(_ request: Request) async throws -> [ContactCapRules.Rule] {
        try await ContactCapRules.list(of: nil, on: request.db)
    }

    /// Replaces the general rules (admins only).
    @Sendable static func replaceGeneralRules(_ request: Request) async throws -> [ContactCapRules.Rule] {
        _ = try request.requireRole(\.canSetContactCap)
        try await ContactCapRules.replace( try request.content.decode([ContactCapRules.Rule].self), of: nil, on: request.db)
        return try await ContactCapRules.list(of: nil, on: request.db)
    }

    @Sendable static func contactRules(_ request: Request) async throws -> [ContactCapRules.Rule] {
        let id = try request.pathUUID("contactID")
        _ = try await CustomerDirectory(db: request.db).requireContact(id)
        return try await ContactCapRules.list(of: id, on: request.db)
    }

    /// Sets a contact's own rules, replacing the general ones for it; an empty list returns it to the general rules.
    @Sendable static func replaceContactRules(_ request: Request) async throws -> [ContactCapRules.Rule] {
        _ = try request.requireRole(\.canSetContactRules)
        let id = try request.pathUUID("contactID")
        _ = try await CustomerDirectory(db: request.db).requireContact(id)
        try await ContactCapRules.replace( try request.content.decode([ContactCapRules.Rule].self), of: id, on: request.db)
        return try await ContactCapRules.list(of: id, on: request.db)
    }
}
