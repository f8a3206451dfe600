import CRMCore
import Fluent
import Vapor

struct DealPersonInput: Content, Equatable {
    var contactId: UUID
    var role: String
}

struct DealCompetitorInput: Content, Equatable {
    var competitor: String
    var offer: String?
    var priceMinor: Int64?
    var rep: String?
    var assessment: String?
}

/// The writable fields of a deal, for create and (merged) PATCH alike. Stage moves go through `/move`.
struct OpportunityInput: StrictInput {
    var accountId: UUID?
    var name: String?
    var amountMinor: Int64?
    var currency: String?
    var pipelineId: UUID?
    var stageId: UUID?
    /// Overrides the stage's default probability; `null` follows the stage again.
    var probability: Int?
    var expectedClose: String?
    var ownerId: UUID?
    var source: String?
    var nextStep: String?
    var nextStepDue: String?
    var problem: String?
    var purchasePlan: String?
    var budgetMinor: Int64?
    var budgetConfirmed: Bool?
    var purchasingProcess: String?
    var signer: String?
    var closeReason: String?
    var people: [DealPersonInput]?
    var competitors: [DealCompetitorInput]?
}

struct StageRef: Content, Equatable {
    let id: UUID
    let name: String
    let outcome: String
}

struct OpportunityDTO: Content {
    struct Person: Content, Equatable {
        let contactId: UUID
        let name: String
        let role: String
    }

    let id: UUID
    let account: AccountRef
    let name: String
    let amountMinor: Int64
    let currency: String
    let pipelineId: UUID
    let stage: StageRef
    let probability: Int
    let probabilityOverridden: Bool
    let weightedAmountMinor: Int64
    let expectedClose: String
    let owner: UserRef?
    let source: String?
    let nextStep: String?
    let nextStepDue: String?
    let problem: String?
    let purchasePlan: String?
    let budgetMinor: Int64?
    let budgetConfirmed: Bool
    let purchasingProcess: String?
    let signer: String?
    let closeReason: String?
    let closedAt: Date?
    let isStale: Bool
    let people: [Person]
    let competitors: [DealCompetitorInput]
    let lastActivityAt: Date
    let createdAt: Date?
    let updatedAt: Date?
    let version: Int

    /// `deal` must have stage, owner, people and competitors loaded; `names` the account's and the people's.
    init(_ deal: Opportunity, names: CustomerDirectory.Names, isStale: Bool) {
        id = deal.id!
        account = names.account(deal.accountID)
        name = deal.name
        amountMinor = deal.amountMinor
        currency = deal.currency
        pipelineId = deal.$pipeline.id
        stage = StageRef(id: deal.stage.id!, name: deal.stage.name, outcome: deal.stage.outcome)
        probability = deal.probability
        probabilityOverridden = deal.probabilityOverride != nil
        weightedAmountMinor = ForecastMath.weighted(amountMinor: deal.amountMinor, probability: deal.probability)
        expectedClose = deal.expectedClose
        owner = UserRef(deal.owner)
        source = deal.source
        nextStep = deal.nextStep
        nextStepDue = deal.nextStepDue
        problem = deal.problem
        purchasePlan = deal.purchasePlan
        budgetMinor = deal.budgetMinor
        budgetConfirmed = deal.budgetConfirmed
        purchasingProcess = deal.purchasingProcess
        signer = deal.signer
        closeReason = deal.closeReason
        closedAt = deal.closedAt
        self.isStale = isStale
        people = deal.$people.value.map { $0.map { Person(contactId: $0.contactID, name: names.contact($0.contactID), role: $0.role) } } ?? []
        competitors = deal.$competitors.value.map { $0.map {
            DealCompetitorInput(competitor: $0.competitor, offer: $0.offer, priceMinor: $0.priceMinor, rep: $0.rep, assessment: $0.assessment)
        } } ?? []
        lastActivityAt = deal.lastActivityAt
        createdAt = deal.createdAt
        updatedAt = deal.updatedAt
        version = deal.version
    }

    var input: OpportunityInput {
        OpportunityInput(accountId: account.id, name: name, amountMinor: amountMinor, currency: currency, pipelineId: pipelineId,
                         stageId: stage.id, probability: probabilityOverridden ? probability : nil, expectedClose: expectedClose,
                         ownerId: owner?.id, source: source, nextStep: nextStep, nextStepDue: nextStepDue, problem: problem,
                         purchasePlan: purchasePlan, budgetMinor: budgetMinor, budgetConfirmed: budgetConfirmed,
                         purchasingProcess: purchasingProcess, signer: signer, closeReason: closeReason,
                         people: people.map { DealPersonInput(contactId: $0.contactId, role: $0.role) }, competitors: competitors)
    }
}

enum OpportunitySchemas {
    static let person = JSONSchema.object([("contactId", .uuid), ("role", .string(enumeration: DealRole.allCases.map(\.rawValue)))],
                                          required: ["contactId", "role"])
    static let competitor = JSONSchema.object([
        ("competitor", .string()), ("offer", .string()), ("priceMinor", .integer()), ("rep", .string()), ("assessment", .string()),
    ], required: ["competitor"])

    static let common: [(String, JSONSchema)] = [
        ("name", .string()), ("amountMinor", .integer(description: "Minor units of currency")), ("currency", .string(description: "ISO 4217")),
        ("pipelineId", .uuid), ("expectedClose", .string(format: "date")), ("source", .string()), ("nextStep", .string()),
        ("nextStepDue", .string(format: "date")), ("problem", .string()), ("purchasePlan", .string()), ("budgetMinor", .integer()),
        ("budgetConfirmed", .boolean), ("purchasingProcess", .string()), ("signer", .string()), ("closeReason", .string()),
        ("competitors", .array(.ref("DealCompetitor"))),
    ]

    static let input = JSONSchema.object(common + [
        ("accountId", .uuid), ("stageId", .uuid), ("ownerId", .uuid), ("probability", .nullable(.integer(description: "0–100; null follows the stage"))),
        ("people", .array(.ref("DealPersonInput"))),
    ], required: ["accountId", "name", "expectedClose"])

    static let opportunity = JSONSchema.object(common + [
        ("id", .uuid), ("account", .ref("AccountRef")), ("owner", .ref("UserRef")),
        ("stage", .object([("id", .uuid), ("name", .string()), ("outcome", .string(enumeration: StageOutcome.allCases.map(\.rawValue)))])),
        ("probability", .integer()), ("probabilityOverridden", .boolean), ("weightedAmountMinor", .integer()),
        ("closedAt", .nullable(.dateTime)), ("isStale", .boolean),
        ("people", .array(.object([("contactId", .uuid), ("name", .string()), ("role", .string())]))),
        ("lastActivityAt", .dateTime), ("createdAt", .dateTime), ("updatedAt", .dateTime), ("version", .integer()),
    ], required: ["id", "account", "name", "amountMinor", "currency", "stage", "probability", "expectedClose", "version"])
}

extension OpportunityDTO {
    /// The deal as the API and pages show it, stale or not as of now.
    static func of(_ deal: Opportunity, request: Request) async throws -> OpportunityDTO {
        let names = try await names(of: [deal], on: request.db)
        return of(deal, names: names, now: request.now, staleDays: request.application.config.staleDays)
    }

    /// The account and people names the DTOs of `deals` show: two queries for any number of deals.
    static func names(of deals: [Opportunity], on db: any Database) async throws -> CustomerDirectory.Names {
        try await CustomerDirectory(db: db).names(accounts: deals.map(\.accountID),
                                                  contacts: deals.flatMap { $0.$people.value ?? [] }.map(\.contactID))
    }

    static func of(_ deal: Opportunity, names: CustomerDirectory.Names, now: Date, staleDays: Int) -> OpportunityDTO {
        OpportunityDTO(deal, names: names, isStale: StageRules.isStale(
            outcome: StageOutcome(rawValue: deal.outcome) ?? .open, expectedClose: CalendarDate(deal.expectedClose),
            lastActivity: deal.lastActivityAt, today: CalendarDate.today(at: now), now: now, idleDays: staleDays))
    }
}
