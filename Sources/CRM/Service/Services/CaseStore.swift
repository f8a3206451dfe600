import CRMCore
import Fluent
import SQLKit
import Vapor

/// Writes cases: opening (routing, default assignee, SLA targets by priority and tier), replies and internal notes,
/// assignment and status moves (pausing, meeting and reopening the clocks), each with its timeline entry in the same
/// transaction and guarded by the case's version.
struct CaseStore {
    let db: any Database
    /// Nobody when mail opens or updates a case.
    let actor: User?
    let now: Date
    let settings: ServiceSettings

    init(db: any Database, actor: User?, now: Date, settings: ServiceSettings) {
        (self.db, self.actor, self.now, self.settings) = (db, actor, now, settings)
    }

    static func make(_ request: Request) async throws -> CaseStore {
        CaseStore(db: request.db, actor: try request.user, now: request.now, settings: try await ServiceSettings.load(request))
    }

    /// Service staff, managers and admins work any case; others the cases assigned to them or to a department of theirs.
    func requireWork(departmentID: UUID, assigneeID: UUID?) async throws {
        guard let actor else { return }
        if actor.role.canWorkAnyCase || assigneeID == actor.id { return }
        if let me = actor.id, try await Departments(db: db).isMember(me, of: departmentID) { return }
        throw APIError(.forbidden, code: "forbidden", message: "Only the case's assignee, its department, service staff, managers and admins work on it.")
    }

    func requireWork(on item: ServiceCase) async throws {
        try await requireWork(departmentID: item.$department.id, assigneeID: item.$assignee.id)
    }

    static func load(_ id: UUID?, on db: any Database) async throws -> ServiceCase {
        guard let id, let found = try await ServiceCase.find(id, on: db) else { throw APIError.notFound("This case") }
        return found
    }

    /// Opens a case; `messageID` is the Message-ID of the mail that opened it.
    func open(_ input: CaseInput, messageID: String? = nil) async throws -> ServiceCase {
        var fields = FieldCheck()
        let kind = fields.choice(input.kind, "kind", as: CaseKind.self)
        if input.kind == nil { fields.fail("kind", "is required: " + CaseKind.allCases.map(\.rawValue).joined(separator: ", ")) }
        let subject = fields.required(input.subject, "subject", max: 300)
        let description = fields.text(input.description, "description", max: 100_000)
        let priority = input.priority == nil ? .normal : fields.choice(input.priority, "priority", as: CasePriority.self)
        let channel = input.channel == nil ? .phone : fields.choice(input.channel, "channel", as: CaseChannel.self)
        let customers = CustomerDirectory(db: db)
        var accountID = input.accountId
        var ownerID: UUID?
        if let id = input.accountId {
            if let account = try await customers.account(id) { ownerID = account.ownerID } else { fields.fail("accountId", "is not an existing account") }
        }
        if let id = input.contactId {
            if let contact = try await customers.contacts([id]).first {
                if accountID == nil { accountID = contact.accountID }
                if input.accountId != nil, contact.accountID != nil, contact.accountID != input.accountId {
                    fields.fail("contactId", "works for another account")
                }
                ownerID = ownerID ?? contact.ownerID
            } else {
                fields.fail("contactId", "is not an existing contact")
            }
        }
        if input.accountId == nil, let accountID, let account = try await customers.account(accountID) { ownerID = account.ownerID }
        let sales = SalesDirectory(db: db)
        if let id = input.productId, try await sales.products([id]).isEmpty { fields.fail("productId", "is not an existing product") }
        if let id = input.orderId, try await !sales.orderExists(id) { fields.fail("orderId", "is not an existing order") }
        let departments = Departments(db: db)
        if let id = input.departmentId, try await Department.find(id, on: db) == nil { fields.fail("departmentId", "is not an existing department") }
        if let id = input.assigneeId, try await User.find(id, on: db).map({ !$0.isDisabled }) != true { fields.fail("assigneeId", "is not an active user") }
        try fields.throwIfFailed()
        guard let kind, let priority, let channel else { return ServiceCase() }

        var tier: String?
        if let accountID { tier = try await sales.tier(ofAccount: accountID) }
        let departmentID: UUID
        if let chosen = input.departmentId {
            departmentID = chosen
        } else {
            departmentID = try await departments.route(.init(kind: kind, productID: input.productId?.uuidString, text: subject + "\n" + (description ?? ""), tier: tier))
        }
        // One named person handles a customer's matters: their owner takes the case when they work in its department.
        var assigneeID = input.assigneeId
        if assigneeID == nil, let ownerID, try await departments.isMember(ownerID, of: departmentID) { assigneeID = ownerID }
        let target = SLATarget.choose(priority: priority, tier: tier, from: settings.targets)
            ?? SLATarget.choose(priority: priority, tier: nil, from: SLATarget.defaults)!

        let item = ServiceCase()
        item.kind = kind.rawValue
        item.status = CaseStatus.new.rawValue
        item.priority = priority.rawValue
        item.channel = channel.rawValue
        item.subject = subject
        item.details = description
        item.accountID = accountID
        item.contactID = input.contactId
        item.productID = input.productId
        item.orderID = input.orderId
        item.$department.id = departmentID
        item.$assignee.id = assigneeID
        item.tier = tier
        item.firstResponseTarget = target.firstResponseMinutes * 60
        item.resolutionTarget = target.resolutionMinutes * 60
        item.firstResponseUsed = 0
        item.resolutionUsed = 0
        item.firstResponseSince = now
        item.resolutionSince = now
        item.messageID = messageID
        item.reopened = 0
        item.$createdBy.id = actor?.id
        item.createdAt = now
        item.updatedAt = now
        item.version = 1
        item.set(.firstResponse, item.clock(.firstResponse), settings: settings)
        item.set(.resolution, item.clock(.resolution), settings: settings)
        item.refreshInstants(settings: settings, notified: [])
        try await db.transaction { db in
            item.number = try await DocumentNumbers.next(for: ServiceCase.schema, on: db)
            try await item.create(on: db)
            try await record(.created, on: item, body: nil, to: "\(kind.label), \(priority.rawValue) priority", db: db)
        }
        return item
    }

    /// A reply to the customer, by email through the outbox (with the case's reference in the subject, threaded under
    /// the mail that opened it) or as a call already made; either is logged on the customer's timeline, and the first
    /// reply meets the first-response target.
    func reply(_ item: ServiceCase, _ input: CaseReplyInput, app: Application) async throws {
        var fields = FieldCheck()
        let body = fields.required(input.body, "body", max: 100_000)
        let byEmail = (input.via ?? "email") == "email"
        if let via = input.via, via != "email", via != "phone" { fields.fail("via", "must be email or phone") }
        if byEmail, item.contactID == nil { fields.fail("via", "this case has no contact to email: record the answer as a call") }
        try fields.throwIfFailed()
        guard let actor else { throw APIError.conflict("A reply needs a person to send it.") }
        let (now, settings) = (now, settings)
        try await write(item, expectedVersion: nil) { item, notified, db in
            var interactionID: UUID?
            if byEmail, let contactID = item.contactID, let mail = app.contributions.customerMail {
                interactionID = try await mail(.init(contactID: contactID, subject: "[\(item.reference)] \(item.subject)", body: body, inReplyTo: item.messageID),
                                               actor, db, app)
            } else if !byEmail, item.accountID != nil || item.contactID != nil, let recording = app.contributions.interactionRecording {
                interactionID = try await recording.record(.init(
                    kind: .call, subject: "Case \(item.reference): \(item.subject)", outcome: body, accountID: item.accountID,
                    contactIDs: item.contactID.map { [$0] } ?? [], dealID: nil, orderID: item.orderID, capReason: nil), actor, now, db)
            }
            try await record(.reply, on: item, body: body, to: byEmail ? "email" : "phone", interactionID: interactionID, db: db)
            item.updateClocks([.firstResponse], settings: settings, notified: notified) { $0.meet(at: now, in: settings.calendar) }
            if item.status == CaseStatus.new.rawValue { try await move(item, to: .open, reason: nil, notified: notified, db: db) }
        }
    }

    /// The customer wrote to the case: on its timeline; a case waiting on them runs again, a resolved or closed one reopens.
    func received(_ mail: Contributions.InboundMail, on item: ServiceCase) async throws {
        try await write(item, expectedVersion: nil) { item, notified, db in
            try await record(.emailIn, on: item, body: mail.text.isEmpty ? nil : String(mail.text.prefix(100_000)), to: mail.from,
                             interactionID: mail.interactionID, db: db)
            switch CaseStatus(rawValue: item.status) ?? .new {
            case .waiting: try await move(item, to: .open, reason: nil, notified: notified, db: db)
            case .resolved, .closed: try await move(item, to: .open, reason: "The customer wrote again.", notified: notified, db: db)
            case .new, .open: break
            }
        }
    }

    /// An internal note: on the case only, never shown to the customer.
    func note(_ item: ServiceCase, _ input: CaseMessageInput) async throws {
        var fields = FieldCheck()
        let body = fields.required(input.body, "body", max: 100_000)
        try fields.throwIfFailed()
        try await write(item, expectedVersion: nil) { item, _, db in
            try await record(.note, on: item, body: body, db: db)
        }
    }

    /// Moves a case to another status: waiting pauses the clocks, resolving meets them, reopening runs them again.
    func move(_ item: ServiceCase, _ input: CaseMoveInput, expectedVersion: Int? = nil) async throws {
        var fields = FieldCheck()
        let status = fields.choice(input.status, "status", as: CaseStatus.self)
        if input.status == nil { fields.fail("status", "is required") }
        let reason = fields.text(input.reason, "reason", max: 2_000)
        let from = CaseStatus(rawValue: item.status) ?? .new
        if let status, status != from, !from.canMove(to: status) {
            fields.fail("status", "a case that is \(from.label.lowercased()) cannot move to \(status.label.lowercased())")
        }
        if let status, from.isReopening(to: status), reason == nil { fields.fail("reason", "is required to reopen a case: what is still wrong") }
        try fields.throwIfFailed()
        guard let status, status != from else { return }
        try await write(item, expectedVersion: expectedVersion) { item, notified, db in
            try await move(item, to: status, reason: reason, notified: notified, db: db)
        }
    }

    private func move(_ item: ServiceCase, to status: CaseStatus, reason: String?, notified: Set<String>, db: any Database) async throws {
        let from = CaseStatus(rawValue: item.status) ?? .new
        let calendar = settings.calendar
        item.status = status.rawValue
        switch status {
        case .waiting:
            item.updateClocks(settings: settings, notified: notified) { $0.pause(at: now, in: calendar) }
        case .open where from.isReopening(to: status):
            item.reopened += 1
            item.resolvedAt = nil
            item.closedAt = nil
            item.updateClocks([.resolution], settings: settings, notified: notified) { $0.reopen(at: now) }
        case .open:
            item.updateClocks(settings: settings, notified: notified) { $0.resume(at: now) }
        case .resolved:
            item.resolvedAt = now
            item.updateClocks(settings: settings, notified: notified) { $0.meet(at: now, in: calendar) }
            try await CaseSurveys.schedule(item, settings: settings, now: now, on: db)
        case .closed:
            item.closedAt = now
            item.resolvedAt = item.resolvedAt ?? now
            item.updateClocks(settings: settings, notified: notified) { $0.meet(at: now, in: calendar) }
        case .new:
            break
        }
        try await record(from.isReopening(to: status) ? .reopened : .status, on: item, body: reason, from: from.rawValue, to: status.rawValue, db: db)
    }

    /// Changes a case's kind or priority; a new priority chooses the targets again, keeping the working time used.
    func classify(_ item: ServiceCase, _ input: CaseClassifyInput) async throws {
        var fields = FieldCheck()
        let kind = input.kind == nil ? nil : fields.choice(input.kind, "kind", as: CaseKind.self)
        let priority = input.priority == nil ? nil : fields.choice(input.priority, "priority", as: CasePriority.self)
        try fields.throwIfFailed()
        let newKind = kind?.rawValue ?? item.kind, newPriority = priority?.rawValue ?? item.priority
        guard newKind != item.kind || newPriority != item.priority else { return }
        let before = "\(CaseKind(rawValue: item.kind)?.label ?? item.kind), \(item.priority) priority"
        let after = "\(CaseKind(rawValue: newKind)?.label ?? newKind), \(newPriority) priority"
        let settings = settings
        try await write(item, expectedVersion: nil) { item, notified, db in
            item.kind = newKind
            if newPriority != item.priority, let chosen = CasePriority(rawValue: newPriority) {
                item.priority = newPriority
                let target = SLATarget.choose(priority: chosen, tier: item.tier, from: settings.targets)
                    ?? SLATarget.choose(priority: chosen, tier: nil, from: SLATarget.defaults)!
                item.firstResponseTarget = target.firstResponseMinutes * 60
                item.resolutionTarget = target.resolutionMinutes * 60
                item.updateClocks(settings: settings, notified: notified) { _ in }
            }
            try await record(.classified, on: item, body: nil, from: before, to: after, db: db)
        }
    }

    /// Gives a case to another department or person; no person puts it in the department's queue.
    func assign(_ item: ServiceCase, _ input: CaseAssignInput, expectedVersion: Int? = nil) async throws {
        var fields = FieldCheck()
        if let id = input.departmentId, try await Department.find(id, on: db) == nil { fields.fail("departmentId", "is not an existing department") }
        if let id = input.assigneeId, try await User.find(id, on: db).map({ !$0.isDisabled }) != true { fields.fail("assigneeId", "is not an active user") }
        try fields.throwIfFailed()
        let departmentID = input.departmentId ?? item.$department.id
        guard departmentID != item.$department.id || input.assigneeId != item.$assignee.id else { return }
        let names = try await UserDirectory.names(of: Set([item.$assignee.id, input.assigneeId].compactMap { $0 }), on: db)
        let departments = try await Departments(db: db).names()
        func describe(_ department: UUID, _ person: UUID?) -> String {
            (departments[department] ?? "") + ", " + (person.flatMap { names[$0] } ?? "queue")
        }
        let (before, after) = (describe(item.$department.id, item.$assignee.id), describe(departmentID, input.assigneeId))
        try await write(item, expectedVersion: expectedVersion) { item, _, db in
            item.$department.id = departmentID
            item.$assignee.id = input.assigneeId
            try await record(.assigned, on: item, body: nil, from: before, to: after, db: db)
        }
    }

    /// Runs one change under the version guard, with the warnings already sent, and saves the case.
    private func write(_ item: ServiceCase, expectedVersion: Int?, _ change: @escaping @Sendable (ServiceCase, Set<String>, any Database) async throws -> Void) async throws {
        let version = expectedVersion ?? item.version
        let now = now
        try await db.transaction { db in
            try await VersionGuard.claim(table: ServiceCase.schema, id: item.requireID(), expected: version, on: db)
            let notified = try await CaseEvents.marks(of: item.requireID(), on: db)
            try await change(item, notified, db)
            item.updatedAt = now
            item.version = version + 1
            try await item.save(on: db)
        }
    }

    func record(_ kind: CaseEventKind, on item: ServiceCase, body: String?, from: String? = nil, to: String? = nil, interactionID: UUID? = nil,
                db: any Database) async throws {
        let event = CaseEvent()
        event.id = InsertionOrderedIDs.next()
        event.$serviceCase.id = try item.requireID()
        event.kind = kind.rawValue
        event.body = body
        event.fromValue = from
        event.toValue = to
        event.interactionID = interactionID
        event.$actor.id = actor?.id
        event.at = now
        try await event.create(on: db)
    }
}

extension ServiceCase {
    /// `C-1042`, as people and email subjects name the case.
    var reference: String { Self.reference(number) }
    static func reference(_ number: Int) -> String { "C-\(number)" }
}
