import CRMCore
import Foundation
import Fluent
import Vapor

struct InteractionDTO: Content {
    struct ContactRef: Content { let id: UUID; let name: String }
    struct Line: Content {
        let position: Int
        let productId: UUID?
        let description: String
        let quantity: Int
        let unitPriceMinor: Int64
        let discountBasisPoints: Int
        let netUnitMinor: Int64
    }

    let id: UUID
    let kind: String
    let direction: String?
    let occurredAt: Date
    let user: UserRef?
    let account: AccountRef?
    let contacts: [ContactRef]
    let channel: String?
    let subject: String?
    let body: String?
    let outcome: String?
    let sentiment: String?
    let durationSeconds: Int?
    let followUpOn: String?
    let opportunityId: UUID?
    let orderId: UUID?
    let currency: String?
    let validUntil: String?
    let terms: String?
    let lines: [Line]
    let deviationReason: String?
    let capReason: String?
    let messageId: String?
    let threadId: String?
    let fromAddress: String?
    let recipients: [String]
    let attachments: [MailAttachment]
    let isUnmatched: Bool
    let createdBy: UserRef?
    let version: Int

    /// `interaction` must have user, createdBy, contacts and lines loaded; `names` holds its account's and contacts'.
    init(_ interaction: Interaction, names: CustomerDirectory.Names) {
        id = interaction.id!
        kind = interaction.kind
        direction = interaction.direction
        occurredAt = interaction.occurredAt
        user = UserRef(interaction.user)
        account = interaction.accountID.map(names.account)
        contacts = interaction.contacts.map { ContactRef(id: $0.contactID, name: names.contact($0.contactID)) }.sorted { $0.name < $1.name }
        channel = interaction.channel
        subject = interaction.subject
        body = interaction.body
        outcome = interaction.outcome
        sentiment = interaction.sentiment
        durationSeconds = interaction.durationSeconds
        followUpOn = interaction.followUpOn
        opportunityId = interaction.opportunityID
        orderId = interaction.orderID
        currency = interaction.currency
        validUntil = interaction.validUntil
        terms = interaction.terms
        lines = interaction.lines.sorted { $0.position < $1.position }.map {
            Line(position: $0.position, productId: $0.productID, description: $0.description, quantity: $0.quantity,
                 unitPriceMinor: $0.unitPriceMinor, discountBasisPoints: $0.discountBasisPoints, netUnitMinor: $0.netUnitMinor)
        }
        deviationReason = interaction.deviationReason
        capReason = interaction.capReason
        messageId = interaction.messageID
        threadId = interaction.threadID
        fromAddress = interaction.fromAddress
        recipients = interaction.recipients
        attachments = interaction.attachments
        isUnmatched = interaction.isUnmatched
        createdBy = UserRef(interaction.createdBy)
        version = interaction.version
    }

    static let lineInputSchema = JSONSchema.object([
        ("productId", .uuid), ("description", .string(description: "Required without a product")), ("quantity", .integer(description: "Default 1")),
        ("unitPriceMinor", .integer(description: "Default: the product's list price when in the quote's currency")),
        ("discountBasisPoints", .integer(description: "1250 = 12.5 %")),
    ])
    static let inputSchema = JSONSchema.object([
        ("kind", .string(enumeration: InteractionKind.allCases.map(\.rawValue))),
        ("direction", .string(enumeration: InteractionDirection.allCases.map(\.rawValue), description: "Required for calls, emails, social messages and faxes")),
        ("occurredAt", .dateTime), ("userId", .uuid), ("accountId", .uuid), ("contactIds", .array(.uuid)), ("channel", .string()),
        ("subject", .string()), ("body", .string()), ("outcome", .string()), ("sentiment", .string(enumeration: Sentiment.allCases.map(\.rawValue))),
        ("durationSeconds", .integer()), ("followUpOn", .string(format: "date")), ("opportunityId", .uuid), ("orderId", .uuid),
        ("currency", .string()), ("validUntil", .string(format: "date")), ("terms", .string()), ("lines", .array(lineInputSchema)),
        ("deviationReason", .string(description: "Required when a quoted price differs from a still-valid earlier quote")),
        ("capReason", .string(description: "Required to pass the contact-frequency cap")),
    ], required: ["kind"])
    static let editSchema = JSONSchema.object([
        ("subject", .string()), ("body", .string()), ("outcome", .string()), ("sentiment", .string(enumeration: Sentiment.allCases.map(\.rawValue))),
        ("followUpOn", .string(format: "date")),
    ])
    static let schema = JSONSchema.object([
        ("id", .uuid), ("kind", .string()), ("direction", .nullable(.string())), ("occurredAt", .dateTime), ("user", .nullable(.ref("UserRef"))),
        ("account", .nullable(.ref("AccountRef"))), ("contacts", .array(.object([("id", .uuid), ("name", .string())]))),
        ("channel", .nullable(.string())), ("subject", .nullable(.string())), ("body", .nullable(.string())), ("outcome", .nullable(.string())),
        ("sentiment", .nullable(.string())), ("durationSeconds", .nullable(.integer())), ("followUpOn", .nullable(.string(format: "date"))),
        ("opportunityId", .nullable(.uuid)), ("orderId", .nullable(.uuid)), ("currency", .nullable(.string())),
        ("validUntil", .nullable(.string(format: "date"))), ("terms", .nullable(.string())),
        ("lines", .array(.object([("position", .integer()), ("productId", .nullable(.uuid)), ("description", .string()), ("quantity", .integer()),
                                  ("unitPriceMinor", .integer()), ("discountBasisPoints", .integer()), ("netUnitMinor", .integer())]))),
        ("deviationReason", .nullable(.string())), ("capReason", .nullable(.string())), ("messageId", .nullable(.string())),
        ("threadId", .nullable(.string())), ("fromAddress", .nullable(.string())), ("recipients", .array(.string())),
        ("attachments", .array(.object([("fileName", .string()), ("contentType", .string()), ("size", .integer())]))),
        ("isUnmatched", .boolean), ("createdBy", .nullable(.ref("UserRef"))), ("version", .integer()),
    ], required: ["id", "kind", "occurredAt", "contacts", "lines", "recipients", "attachments", "isUnmatched", "version"])
}

struct InteractionEditDTO: Content {
    let editedAt: Date
    let editedBy: UserRef?
    let previous: EditedText

    static let schema = JSONSchema.object([
        ("editedAt", .dateTime), ("editedBy", .nullable(.ref("UserRef"))),
        ("previous", .object([("subject", .nullable(.string())), ("body", .nullable(.string())), ("outcome", .nullable(.string())),
                              ("sentiment", .nullable(.string())), ("followUpOn", .nullable(.string()))])),
    ], required: ["editedAt", "previous"])
}

extension InteractionDTO {
    /// The account and contact names the DTOs of `interactions` show: two queries for any number.
    static func names(of interactions: [Interaction], on db: any Database) async throws -> CustomerDirectory.Names {
        try await CustomerDirectory(db: db).names(accounts: interactions.compactMap(\.accountID),
                                                  contacts: interactions.flatMap { $0.$contacts.value ?? [] }.map(\.contactID))
    }

    /// One interaction as the API shows it, or 404.
    static func load(_ id: UUID, on db: any Database) async throws -> InteractionDTO {
        let interaction = try await InteractionStore.load(id, on: db)
        return InteractionDTO(interaction, names: try await names(of: [interaction], on: db))
    }
}
