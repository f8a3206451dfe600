import CRMCore
import Fluent
import Vapor

/// Records interactions with their contacts and quote lines, checking the quote-consistency rule and the
/// contact-frequency cap, and keeps the earlier text when one is edited.
struct InteractionStore {
    let db: any Database
    let actor: User
    let now: Date
    let baseCurrency: String
    /// Ten trillion units of a two-decimal currency: far above any real line, low enough that a card adding up
    /// thousands of quoted lines stays exact.
    static let largestLineTotal: UInt64 = 1_000_000_000_000_000

    init(db: any Database, actor: User, now: Date, baseCurrency: String) {
        (self.db, self.actor, self.now, self.baseCurrency) = (db, actor, now, baseCurrency)
    }

    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now, baseCurrency: request.application.config.baseCurrency)
    }

    static func load(_ id: UUID, on db: any Database) async throws -> Interaction {
        guard let interaction = try await Interaction.query(on: db).filter(\.$id == id).with(\.$user).with(\.$createdBy).with(\.$contacts).with(\.$lines).first() else { throw APIError.notFound("This interaction") }
        return interaction
    }

    func create(_ input: InteractionInput) async throws -> Interaction {
        var fields = FieldCheck()
        let kind = fields.choice(input.kind, "kind", as: InteractionKind.self)
        if input.kind == nil { fields.fail("kind", "must be one of " + InteractionKind.allCases.map(\.rawValue).joined(separator: ", ")) }
        var direction = fields.choice(input.direction, "direction", as: InteractionDirection.self)
        switch kind {
        case .quote?: direction = .outbound
        case .call?, .email?, .social?, .fax?: if direction == nil, input.direction == nil { fields.fail("direction", "is required: inbound or outbound") }
        default: break
        }
        let sentiment = fields.choice(input.sentiment, "sentiment", as: Sentiment.self)
        let followUp = fields.date(input.followUpOn, "followUpOn")
        if let seconds = input.durationSeconds, !(0...86_400).contains(seconds) { fields.fail("durationSeconds", "must be between 0 and 86400") }

        let interaction = Interaction()
        interaction.kind = kind?.rawValue ?? ""
        interaction.direction = direction?.rawValue
        interaction.occurredAt = input.occurredAt ?? now
        interaction.channel = fields.text(input.channel, "channel", max: 60)
        interaction.subject = fields.text(input.subject, "subject", max: 300)
        interaction.body = fields.text(input.body, "body", max: 100_000)
        interaction.outcome = fields.text(input.outcome, "outcome", max: 1_000)
        interaction.sentiment = sentiment?.rawValue
        interaction.durationSeconds = input.durationSeconds
        interaction.followUpOn = followUp
        interaction.capReason = fields.text(input.capReason, "capReason", max: 500)
        // A quote speaks through its lines; anything else needs words, or the timeline gets a blank entry.
        if kind != nil, kind != .quote, interaction.subject == nil, interaction.body == nil, interaction.outcome == nil {
            fields.fail("subject", "say what it was about: give a subject, what was said or the outcome")
        }
        interaction.recipients = []
        interaction.attachments = []
        interaction.isUnmatched = false
        interaction.$createdBy.id = actor.id
        interaction.version = 1

        var seen = Set<UUID>()
        let contactIDs = (input.contactIds ?? []).filter { seen.insert($0).inserted }
        let directory = CustomerDirectory(db: db)
        let contacts = try await directory.contacts(contactIDs)
        for (index, id) in contactIDs.enumerated() where !contacts.contains(where: { $0.id == id }) {
            fields.fail("contactIds[\(index)]", "names no contact")
        }
        var accountID = input.accountId
        if let id = accountID {
            if try await directory.account(id) == nil { fields.fail("accountId", "names no account") }
        } else {
            accountID = contactIDs.lazy.compactMap { id in contacts.first { $0.id == id }?.accountID }.first
        }
        if input.accountId == nil, contactIDs.isEmpty { fields.fail("contactIds", "name at least one contact, or give accountId") }
        interaction.accountID = accountID
        if let userID = input.userId {
            if try await User.find(userID, on: db) == nil { fields.fail("userId", "names no user") }
            interaction.$user.id = userID
        } else {
            interaction.$user.id = actor.id
        }
        if let id = input.opportunityId, try await DealDirectory(db: db).deal(id) == nil { fields.fail("opportunityId", "names no deal") }
        if let id = input.orderId, try await !SalesDirectory(db: db).orderExists(id) { fields.fail("orderId", "names no order") }
        interaction.opportunityID = input.opportunityId
        interaction.orderID = input.orderId

        var lines = [QuoteLine]()
        if kind == .quote {
            lines = try await quoteLines(input, accountID: accountID, into: interaction, fields: &fields)
        } else if input.lines != nil || input.validUntil != nil || input.terms != nil {
            fields.fail(input.lines != nil ? "lines" : input.validUntil != nil ? "validUntil" : "terms", "belongs to price quotes only")
        }
        try fields.throwIfFailed()
        if let kind, let direction {
            try await ContactCapCheck(db: db, now: now).enforce(contacts: contacts, channel: kind, direction: direction,
                                                                 reason: interaction.capReason, automated: false)
        }
        let (linked, rows) = (contactIDs, lines)
        try await db.transaction { db in
            try await interaction.create(on: db)
            for id in linked { try await InteractionContact(interaction: interaction, contactID: id).create(on: db) }
            for line in rows { line.$interaction.id = try interaction.requireID() }
            try await rows.create(on: db)
            try await Self.tellObservers(interaction, contactIDs: linked, actor: actor, now: now, on: db)
        }
        return interaction
    }

    /// Quote lines priced from the product list unless given; a price that contradicts a quote for the same
    /// account and item still valid today needs `deviationReason`.
    private func quoteLines(_ input: InteractionInput, accountID: UUID?, into interaction: Interaction, fields: inout FieldCheck) async throws -> [QuoteLine] {
        let currency = (fields.text(input.currency, "currency", max: 3) ?? baseCurrency).uppercased()
        if currency.count != 3 || !currency.allSatisfy(\.isLetter) { fields.fail("currency", "must be a three-letter ISO 4217 code") }
        let validUntil = fields.date(input.validUntil, "validUntil")
        let today = CalendarDate.today(at: now)
        if let validUntil, let until = CalendarDate(validUntil), until < today {
            fields.fail("validUntil", "must be today (\(today)) or later: a quote cannot expire before it is given")
        }
        interaction.currency = currency
        interaction.validUntil = validUntil
        interaction.terms = fields.text(input.terms, "terms", max: 2_000)
        let reason = fields.text(input.deviationReason, "deviationReason", max: 500)
        interaction.deviationReason = reason
        guard let accountID else {
            fields.fail("accountId", "a price quote is for an account: give accountId or a contact at one")
            return []
        }
        let inputs = input.lines ?? []
        if inputs.isEmpty { fields.fail("lines", "a price quote needs at least one line") }
        let productIDs = inputs.compactMap(\.productId)
        let products = try await SalesDirectory(db: db).products(productIDs)
        var lines = [QuoteLine]()
        var contradictions = [String]()
        for (index, item) in inputs.enumerated() {
            let path = "lines[\(index)]"
            let product = item.productId.flatMap { id in products.first { $0.id == id } }
            if item.productId != nil, product == nil { fields.fail(path + ".productId", "names no product") }
            let description = fields.text(item.description, path + ".description", max: 300) ?? product?.name
            guard let key = QuoteConsistency.itemKey(productID: product?.id.uuidString, description: description) else {
                fields.fail(path + ".description", "is required for a line without a product")
                continue
            }
            let quantity = item.quantity ?? 1
            if quantity < 1 { fields.fail(path + ".quantity", "quantity must be at least 1") }
            let discount = item.discountBasisPoints ?? 0
            if !(0...10_000).contains(discount) { fields.fail(path + ".discountBasisPoints", "discount must be between 0 and 100 %") }
            guard let price = item.unitPriceMinor ?? (product?.currency == currency ? product?.priceMinor : nil) else {
                fields.fail(path + ".unitPriceMinor", product == nil ? "is required for a line without a product" : "is required: the product's list price is in \(product!.currency)")
                continue
            }
            if price < 0 { fields.fail(path + ".unitPriceMinor", "must not be negative") }
            // A line's total must stay exact: the account card adds up quoted lines.
            let clampedDiscount = min(max(discount, 0), 10_000)
            let net = QuoteConsistency.netUnit(priceMinor: price, discountBasisPoints: clampedDiscount)
            let total = net.map { $0.multipliedReportingOverflow(by: Int64(max(quantity, 1))) }
            guard let net, let total, !total.overflow, total.partialValue.magnitude <= Self.largestLineTotal else {
                fields.fail(path + ".unitPriceMinor", "amounts are too large")
                continue
            }
            let line = QuoteLine()
            line.accountID = accountID
            line.position = index
            line.productID = product?.id
            line.itemKey = key
            line.description = description ?? ""
            line.quantity = quantity
            line.unitPriceMinor = price
            line.discountBasisPoints = clampedDiscount
            line.netUnitMinor = net
            line.currency = currency
            line.validUntil = validUntil
            line.quotedAt = interaction.occurredAt
            line.$quotedBy.id = interaction.$user.id ?? actor.id
            if let earlier = try await QuotedPrices.latest(accountID: accountID, itemKey: key, before: interaction.occurredAt, on: db),
               QuoteConsistency.needsReason(newNetUnitMinor: line.netUnitMinor, currency: currency,
                                            earlier: .init(netUnitMinor: earlier.netUnitMinor, currency: earlier.currency,
                                                           validUntil: earlier.validUntil.flatMap(CalendarDate.init)), on: today) {
                contradictions.append("line \(index + 1) (\(line.description)) differs from \(MinorUnits.display(earlier.netUnitMinor, currency: earlier.currency)) quoted on \(CalendarDate.today(at: earlier.quotedAt)) by \(earlier.quotedBy?.name ?? "a former user"), which is still valid")
            }
            if let product, QuoteConsistency.isBelowCost(netUnitMinor: line.netUnitMinor, currency: currency,
                                                         costMinor: product.costMinor, costCurrency: product.currency) {
                contradictions.append("line \(index + 1) (\(line.description)) at \(MinorUnits.display(line.netUnitMinor, currency: currency)) is below its cost of \(MinorUnits.display(product.costMinor, currency: product.currency))")
            }
            lines.append(line)
        }
        if !contradictions.isEmpty, reason == nil {
            fields.fail("deviationReason", "is required: " + contradictions.joined(separator: "; "))
        }
        return lines
    }

    /// Whether the actor may change this interaction's text: its author, a manager or an admin.
    func canEdit(_ interaction: Interaction) -> Bool {
        RecordPermissions.canEdit(role: actor.role, isOwner: interaction.$createdBy.id == actor.id)
    }

    func edit(_ interaction: Interaction, with input: InteractionEditInput, expectedVersion: Int) async throws {
        guard canEdit(interaction) else { throw APIError.forbidden }
        var fields = FieldCheck()
        let before = EditedText(subject: interaction.subject, body: interaction.body, outcome: interaction.outcome,
                                sentiment: interaction.sentiment, followUpOn: interaction.followUpOn)
        var after = before
        if input.subject != nil { after.subject = fields.text(input.subject, "subject", max: 300) }
        if input.body != nil { after.body = fields.text(input.body, "body", max: 100_000) }
        if input.outcome != nil { after.outcome = fields.text(input.outcome, "outcome", max: 1_000) }
        if input.sentiment != nil { after.sentiment = fields.choice(input.sentiment, "sentiment", as: Sentiment.self)?.rawValue }
        if input.followUpOn != nil { after.followUpOn = fields.date(input.followUpOn, "followUpOn") }
        try fields.throwIfFailed()
        guard after != before else { return }
        let changed = after
        try await db.transaction { db in
            try await VersionGuard.claim(table: Interaction.schema, id: interaction.requireID(), expected: expectedVersion, on: db)
            let edit = InteractionEdit()
            edit.$interaction.id = try interaction.requireID()
            edit.$editedBy.id = actor.id
            edit.editedAt = now
            edit.previous = before
            try await edit.create(on: db)
            interaction.subject = changed.subject
            interaction.body = changed.body
            interaction.outcome = changed.outcome
            interaction.sentiment = changed.sentiment
            interaction.followUpOn = changed.followUpOn
            interaction.version = expectedVersion + 1
            try await interaction.save(on: db)
            if changed.followUpOn != before.followUpOn || changed.subject != before.subject {
                let contactIDs = try await InteractionContact.query(on: db).filter(\.$interaction.$id == interaction.requireID()).all().map(\.contactID)
                try await Self.tellObservers(interaction, contactIDs: contactIDs, actor: actor, now: now, on: db)
            }
        }
    }

    /// What other areas do when an interaction is logged or its follow-up changes (a follow-up date becomes a task),
    /// in the same transaction.
    private static func tellObservers(_ interaction: Interaction, contactIDs: [UUID], actor: User, now: Date, on db: any Database) async throws {
        let logged = Contributions.LoggedInteraction(
            id: try interaction.requireID(), kind: interaction.kind, subject: interaction.subject, userID: interaction.$user.id,
            accountID: interaction.accountID, contactIDs: contactIDs, dealID: interaction.opportunityID, orderID: interaction.orderID,
            followUpOn: interaction.followUpOn, at: now)
        for observer in Areas.contributions.interactionObservers { try await observer(logged, actor, db) }
    }
}
