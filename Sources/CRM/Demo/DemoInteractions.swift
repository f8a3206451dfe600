import CRMCore
import Fluent
import Vapor

/// Calls, emails, meetings, notes and a price quote on the demo customers' contacts, so their timelines and the
/// last quoted prices have something to show.
enum DemoInteractions {
    static let script: [(kind: InteractionKind, direction: InteractionDirection?, daysAgo: Int, subject: String, body: String, sentiment: Sentiment?)] = [
        (.call, .outbound, 60, "Introduction call", "Introduced the new packaging line; interested in a trial.", .positive),
        (.email, .inbound, 45, "Question about delivery times", "Can you deliver within two weeks in December?", .neutral),
        (.meeting, nil, 30, "Visit at their plant", "Walked the production line with the plant manager; two machines are due for replacement.", .positive),
        (.call, .inbound, 12, "Complaint: late delivery", "The last shipment arrived four days late; they want a credit.", .negative),
        (.note, nil, 5, "Budget approved", "Procurement confirmed the budget for next quarter.", nil),
    ]

    /// Adds nothing when interactions exist already. Returns how many were added.
    static func load(into app: Application, seller: User) async throws -> Int {
        guard try await Interaction.query(on: app.db).count() == 0 else { return 0 }
        let now = app.clock.now()
        let store = InteractionStore(db: app.db, actor: seller, now: now, baseCurrency: app.config.baseCurrency)
        let contacts = try await Contact.query(on: app.db).filter(\.$archivedAt == nil).filter(\.$account.$id != nil)
            .sort(\.$displayName).limit(12).all()
        var added = 0
        for (index, contact) in contacts.enumerated() {
            for step in script.prefix(2 + index % 4) {
                var input = InteractionInput()
                input.kind = step.kind.rawValue
                input.direction = step.direction?.rawValue
                input.contactIds = [try contact.requireID()]
                input.occurredAt = now.addingTimeInterval(-Double(step.daysAgo + index) * 86_400)
                input.subject = step.subject
                input.body = step.body
                input.sentiment = step.sentiment?.rawValue
                if step.kind == .meeting { input.followUpOn = CalendarDate.today(at: now).adding(days: 7).description }
                _ = try await store.create(input)
                added += 1
            }
        }
        // One quote per account of the first contacts, from the catalogue, valid for a month.
        let products = try await Product.query(on: app.db).sort(\.$sku).limit(3).all()
        for contact in contacts.prefix(4) where !products.isEmpty {
            var quote = InteractionInput()
            quote.kind = InteractionKind.quote.rawValue
            quote.contactIds = [try contact.requireID()]
            quote.occurredAt = now.addingTimeInterval(-10 * 86_400)
            quote.validUntil = CalendarDate.today(at: now).adding(days: 20).description
            quote.terms = "30 days net; delivery within 3 weeks"
            quote.lines = products.map { QuoteLineInput(productId: $0.id, quantity: 10, discountBasisPoints: 500) }
            _ = try await store.create(quote)
            added += 1
        }
        return added
    }
}
