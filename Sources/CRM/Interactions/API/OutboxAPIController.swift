import CRMCore
import Fluent
import Vapor

/// Sending email to a contact, and the outbox of what is queued, sent or failed.
enum OutboxAPIController {
    struct DeliveryDTO: Content {
        let id: UUID
        /// The logged interaction of customer mail; none for mail to a colleague.
        let interactionId: UUID?
        let subject: String?
        let recipients: [String]
        let status: String
        let attempts: Int
        let lastError: String?
        let nextAttemptAt: Date?
        let sentAt: Date?
        let createdAt: Date

        init(_ mail: OutboundMail) {
            id = mail.id!
            interactionId = mail.$interaction.id
            subject = mail.subject ?? mail.$interaction.value??.subject
            recipients = mail.recipients
            status = mail.status
            attempts = mail.attempts
            lastError = mail.lastError
            nextAttemptAt = mail.nextAttemptAt
            sentAt = mail.sentAt
            createdAt = mail.createdAt
        }

        static let schema = JSONSchema.object([
            ("id", .uuid), ("interactionId", .nullable(.uuid)), ("subject", .nullable(.string())), ("recipients", .array(.string())), ("status", .string(enumeration: ["queued", "sent", "failed"])),
            ("attempts", .integer()), ("lastError", .nullable(.string())), ("nextAttemptAt", .nullable(.dateTime)), ("sentAt", .nullable(.dateTime)),
            ("createdAt", .dateTime),
        ], required: ["id", "recipients", "status", "attempts", "createdAt"])
    }

    struct SentDTO: Content {
        let interaction: InteractionDTO
        let delivery: DeliveryDTO
    }

    /// `POST /contacts/{id}/emails`: 201 when handed to the mail program, 202 when queued for a retry.
    @Sendable static func send(_ request: Request) async throws -> Response {
        let contact = try await CustomerDirectory(db: request.db).requireContact(try request.pathUUID("contactID"))
        let (interaction, mail) = try await MailDelivery(request).send(to: contact, try request.decodeStrict(MailDelivery.SendInput.self), actor: try request.user)
        let dto = SentDTO(interaction: try await InteractionDTO.load(interaction.requireID(), on: request.db), delivery: DeliveryDTO(mail))
        return try .json(dto, status: mail.status == "sent" ? .created : .accepted)
    }

    @Sendable static func outbox(_ request: Request) async throws -> [DeliveryDTO] {
        let status = request.query[String.self, at: "status"].flatMap { $0.isEmpty ? nil : $0 }
        if let status, !["queued", "sent", "failed"].contains(status) {
            throw APIError.badRequest("A parameter is not valid.", fields: ["status": "must be queued, sent or failed"])
        }
        return try await MailDelivery(request).outbox(status: status, for: try request.user).map(DeliveryDTO.init)
    }

    /// Tries a queued or failed message again now.
    @Sendable static func retry(_ request: Request) async throws -> DeliveryDTO {
        DeliveryDTO(try await MailDelivery(request).retryNow(try request.pathUUID("mailID"), actor: try request.user))
    }
}
