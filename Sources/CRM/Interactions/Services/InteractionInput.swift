import CRMCore
import Foundation
import Vapor

struct InteractionInput: StrictInput {
    var kind: String?
    var direction: String?
    var occurredAt: Date?
    /// Who on our side; default the signed-in user.
    var userId: UUID?
    /// Default: the account of the first contact.
    var accountId: UUID?
    var contactIds: [UUID]?
    var channel: String?
    var subject: String?
    var body: String?
    var outcome: String?
    var sentiment: String?
    var durationSeconds: Int?
    var followUpOn: String?
    var opportunityId: UUID?
    var orderId: UUID?
    var currency: String?
    var validUntil: String?
    var terms: String?
    var lines: [QuoteLineInput]?
    var deviationReason: String?
    var capReason: String?
}

struct QuoteLineInput: Content {
    var productId: UUID?
    var description: String?
    var quantity: Int?
    var unitPriceMinor: Int64?
    var discountBasisPoints: Int?
}

/// The text fields an author, a manager or an admin may correct afterwards; the earlier text is kept.
struct InteractionEditInput: StrictInput {
    var subject: String?
    var body: String?
    var outcome: String?
    var sentiment: String?
    var followUpOn: String?
}
