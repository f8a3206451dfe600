import CRMCore
import Fluent
import Vapor

/// The deal's own fields and rules; the record core does the rest (`RecordStore`).
typealias OpportunityStore = RecordStore<DealFields>

extension Opportunity: OwnedRecord {
    static var noun: String { "deal" }
    var ownerID: UUID { $owner.id }
}

/// Checks and writes a deal with its people and competitors; every stage change is recorded, and closing needs a reason.
struct DealFields: RecordKind {
    let baseCurrency: String

    func newRecord(createdBy actor: User) -> Opportunity { Opportunity() }

    /// A deal's history is its stage changes, written as it is saved.
    func record(_ change: RecordChange, of deal: Opportunity, actor: User, at now: Date, on db: any Database) async throws {}

    struct Checked: CheckedRecord {
        var accountID = UUID()
        var name = ""
        var amountMinor: Int64 = 0
        var currency = ""
        var pipelineID = UUID()
        var stage = PipelineStage()
        var probabilityOverride: Int?
        var expectedClose = ""
        var ownerID = UUID()
        var source, nextStep, nextStepDue, problem, purchasePlan, purchasingProcess, signer, closeReason: String?
        var budgetMinor: Int64?
        var budgetConfirmed = false
        var people: [DealPersonInput] = []
        var competitors: [DealCompetitorInput] = []
    }

    func check(_ input: OpportunityInput, existing: Opportunity?, actor: User, on db: any Database) async throws -> Checked {
        var fields = FieldCheck()
        var checked = Checked()
        checked.name = fields.required(input.name, "name")
        if let accountID = input.accountId, try await CustomerDirectory(db: db).account(accountID) != nil {
            checked.accountID = accountID
        } else {
            fields.fail("accountId", input.accountId == nil ? "is required" : "is not an existing account")
        }
        checked.amountMinor = input.amountMinor ?? 0
        if checked.amountMinor < 0 { fields.fail("amountMinor", "must not be negative") }
        checked.currency = fields.currency(input.currency ?? baseCurrency, amounts: [("budgetMinor", input.budgetMinor)]) ?? baseCurrency
        checked.expectedClose = fields.date(input.expectedClose, "expectedClose") ?? ""
        if input.expectedClose == nil { fields.fail("expectedClose", "is required") }
        checked.nextStepDue = fields.date(input.nextStepDue, "nextStepDue")
        do { try StageRules.checkProbability(input.probability) } catch { fields.fail("probability", error.description) }
        checked.probabilityOverride = input.probability

        let pipelineID = try await resolvePipeline(input.pipelineId ?? existing?.$pipeline.id, on: db, &fields)
        checked.pipelineID = pipelineID ?? UUID()
        if let pipelineID, let stage = try await resolveStage(input.stageId, in: pipelineID, on: db, &fields) {
            checked.stage = stage
            let outcome = StageOutcome(rawValue: stage.outcome) ?? .open
            do { try StageRules.checkReason(outcome: outcome, reason: input.closeReason) } catch { fields.fail("closeReason", error.description) }
        }
        checked.closeReason = fields.text(input.closeReason, "closeReason", max: 2_000)
        checked.source = fields.text(input.source, "source", max: 100)
        checked.nextStep = fields.text(input.nextStep, "nextStep", max: 500)
        checked.problem = fields.text(input.problem, "problem", max: 10_000)
        checked.purchasePlan = fields.text(input.purchasePlan, "purchasePlan", max: 10_000)
        checked.purchasingProcess = fields.text(input.purchasingProcess, "purchasingProcess", max: 10_000)
        checked.signer = fields.text(input.signer, "signer", max: 200)
        checked.budgetMinor = input.budgetMinor
        checked.budgetConfirmed = input.budgetConfirmed ?? false
        checked.ownerID = try await fields.owner(input.ownerId, existing: existing?.$owner.id, actor: actor, on: db)
        checked.people = try await people(input.people ?? [], on: db, &fields)
        checked.competitors = (input.competitors ?? []).enumerated().compactMap { index, competitor in
            let path = "competitors[\(index)]"
            guard let name = fields.text(competitor.competitor, path + ".competitor") else {
                fields.fail(path + ".competitor", "must not be empty")
                return nil
            }
            if (competitor.priceMinor ?? 0) < 0 { fields.fail(path + ".priceMinor", "must not be negative") }
            return DealCompetitorInput(competitor: name, offer: fields.text(competitor.offer, path + ".offer", max: 2_000),
                                       priceMinor: competitor.priceMinor, rep: fields.text(competitor.rep, path + ".rep"),
                                       assessment: fields.text(competitor.assessment, path + ".assessment", max: 2_000))
        }
        try fields.throwIfFailed()
        return checked
    }

    private func resolvePipeline(_ id: UUID?, on db: any Database, _ fields: inout FieldCheck) async throws -> UUID? {
        if let id {
            guard try await Pipeline.find(id, on: db) != nil else {
                fields.fail("pipelineId", "is not an existing pipeline")
                return nil
            }
            return id
        }
        guard let first = try await Pipeline.query(on: db).sort(\.$position).first() else {
            fields.fail("pipelineId", "is required: no pipeline exists yet")
            return nil
        }
        return try first.requireID()
    }

    /// The named stage, which must be in the pipeline; by default the pipeline's first open stage.
    private func resolveStage(_ id: UUID?, in pipelineID: UUID, on db: any Database, _ fields: inout FieldCheck) async throws -> PipelineStage? {
        let stages = try await PipelineStage.query(on: db).filter(\.$pipeline.$id == pipelineID).filter(\.$removedAt == nil).sort(\.$position).all()
        if let id {
            guard let stage = stages.first(where: { $0.id == id }) else {
                fields.fail("stageId", try await PipelineStage.find(id, on: db) == nil ? "is not an existing stage" : StageRules.Problem.stageOfAnotherPipeline.description)
                return nil
            }
            return stage
        }
        guard let first = stages.first(where: { $0.outcome == StageOutcome.open.rawValue }) else {
            fields.fail("stageId", "is required: the pipeline has no open stage")
            return nil
        }
        return first
    }

    private func people(_ inputs: [DealPersonInput], on db: any Database, _ fields: inout FieldCheck) async throws -> [DealPersonInput] {
        let known = Set(try await CustomerDirectory(db: db).contacts(inputs.map(\.contactId)).map(\.id))
        var seen = Set<UUID>()
        return inputs.enumerated().compactMap { index, person in
            let path = "people[\(index)]"
            guard known.contains(person.contactId) else {
                fields.fail(path + ".contactId", "is not an existing contact")
                return nil
            }
            guard let role = fields.choice(person.role, path + ".role", as: DealRole.self) else { return nil }
            guard seen.insert(person.contactId).inserted else {
                fields.fail(path + ".contactId", "is listed twice")
                return nil
            }
            return DealPersonInput(contactId: person.contactId, role: role.rawValue)
        }
    }

    func save(_ checked: Checked, into deal: Opportunity, actor: User, at now: Date, on db: any Database) async throws {
        let previousStage = deal.id == nil ? nil : deal.$stage.id
        let stage = checked.stage
        let stageID = try stage.requireID()
        let outcome = StageOutcome(rawValue: stage.outcome) ?? .open
        let wasClosed = deal.closedAt != nil
        deal.accountID = checked.accountID
        deal.name = checked.name
        deal.amountMinor = checked.amountMinor
        deal.currency = checked.currency
        deal.$pipeline.id = checked.pipelineID
        deal.$stage.id = stageID
        deal.outcome = outcome.rawValue
        deal.probabilityOverride = checked.probabilityOverride
        deal.probability = StageRules.probability(outcome: outcome, stageDefault: stage.defaultProbability, override: checked.probabilityOverride)
        deal.expectedClose = checked.expectedClose
        deal.$owner.id = checked.ownerID
        deal.source = checked.source
        deal.nextStep = checked.nextStep
        deal.nextStepDue = checked.nextStepDue
        deal.problem = checked.problem
        deal.purchasePlan = checked.purchasePlan
        deal.budgetMinor = checked.budgetMinor
        deal.budgetConfirmed = checked.budgetConfirmed
        deal.purchasingProcess = checked.purchasingProcess
        deal.signer = checked.signer
        deal.closeReason = outcome == .open ? nil : checked.closeReason
        if outcome == .open {
            deal.closedAt = nil
            deal.closedMonth = nil
            deal.cycleDays = nil
        } else if !wasClosed || previousStage != stageID {
            deal.closedAt = now
            deal.closedMonth = String(CalendarDate.today(at: now).description.prefix(7))
            deal.cycleDays = max(0, Int(now.timeIntervalSince(deal.createdAt ?? now) / 86_400))
        }
        deal.lastActivityAt = now
        try await deal.save(on: db)
        let dealID = try deal.requireID()
        if previousStage != stageID {
            if let current = try await StageChange.query(on: db).filter(\.$opportunity.$id == dealID).filter(\.$leftAt == nil)
                .sort(\.$changedAt, .descending).first() {
                current.leftAt = now
                current.secondsInStage = Int64(max(0, now.timeIntervalSince(current.changedAt)))
                try await current.save(on: db)
            }
            try await StageChange(opportunityID: dealID, from: previousStage, to: stageID, userID: actor.id, at: now).create(on: db)
        }
        try await OpportunityPerson.query(on: db).filter(\.$opportunity.$id == dealID).delete()
        for person in checked.people {
            try await OpportunityPerson(opportunityID: dealID, contactID: person.contactId, role: person.role).create(on: db)
        }
        try await OpportunityCompetitor.query(on: db).filter(\.$opportunity.$id == dealID).delete()
        for input in checked.competitors {
            let competitor = OpportunityCompetitor()
            competitor.$opportunity.id = dealID
            competitor.competitor = input.competitor
            competitor.offer = input.offer
            competitor.priceMinor = input.priceMinor
            competitor.rep = input.rep
            competitor.assessment = input.assessment
            try await competitor.create(on: db)
        }
    }
}

extension RecordStore where Kind == DealFields {
    init(db: any Database, actor: User, now: Date, baseCurrency: String) {
        self.init(kind: DealFields(baseCurrency: baseCurrency), db: db, actor: actor, now: now)
    }

    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now, baseCurrency: request.application.config.baseCurrency)
    }

    static func load(_ id: UUID?, on db: any Database) async throws -> Opportunity {
        guard let id, let deal = try await withEverything(Opportunity.query(on: db).filter(\.$id == id)).first()
        else { throw APIError.notFound("This deal") }
        return deal
    }

    /// The deals in one stage, loaded as `move` needs them.
    static func load(inStage stageID: UUID, on db: any Database) async throws -> [Opportunity] {
        try await withEverything(Opportunity.query(on: db).filter(\.$stage.$id == stageID)).all()
    }

    private static func withEverything(_ query: QueryBuilder<Opportunity>) -> QueryBuilder<Opportunity> {
        query.with(\.$stage).with(\.$owner).with(\.$people).with(\.$competitors)
    }

    /// Moves a deal to another stage of its pipeline, as dragging a card on the board does.
    func move(_ deal: Opportunity, to stageID: UUID, reason: String?) async throws {
        var input = OpportunityDTO(deal, names: .none, isStale: false).input
        input.stageId = stageID
        if let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty { input.closeReason = reason }
        try await update(deal, with: input, expectedVersion: deal.version)
    }
}
