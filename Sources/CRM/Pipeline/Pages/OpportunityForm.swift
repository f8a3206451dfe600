import CRMCore
import Fluent
import Vapor

/// The deal form as the browser posts it; converted to `OpportunityInput` so pages and API share every check.
struct OpportunityForm: RecordForm {
    struct PersonRow: Content {
        var contactId: String?
        var role: String?
    }

    struct CompetitorRow: Content {
        var competitor: String?
        var offer: String?
        var price: String?
        var rep: String?
        var assessment: String?
    }

    var name: String?
    var accountName: String?
    var amount: String?
    var currency: String?
    var stageId: String?
    var probability: String?
    var expectedClose: String?
    var ownerId: String?
    var source: String?
    var nextStep: String?
    var nextStepDue: String?
    var problem: String?
    var purchasePlan: String?
    var budget: String?
    var budgetConfirmed: String?
    var purchasingProcess: String?
    var signer: String?
    var closeReason: String?
    var people: [PersonRow]?
    var competitors: [CompetitorRow]?
    var version: Int?

    init(_ dto: OpportunityDTO?, accountName: String? = nil, currency: String) {
        let currency = dto?.currency ?? currency
        name = dto?.name
        self.accountName = accountName ?? dto?.account.name
        amount = dto.map { MinorUnits.plain($0.amountMinor, currency: currency) }
        self.currency = currency
        stageId = dto?.stage.id.uuidString
        probability = dto.flatMap { $0.probabilityOverridden ? String($0.probability) : nil }
        expectedClose = dto?.expectedClose
        ownerId = dto?.owner?.id.uuidString
        source = dto?.source
        nextStep = dto?.nextStep
        nextStepDue = dto?.nextStepDue
        problem = dto?.problem
        purchasePlan = dto?.purchasePlan
        budget = dto?.budgetMinor.map { MinorUnits.plain($0, currency: currency) }
        budgetConfirmed = dto?.budgetConfirmed == true ? "true" : nil
        purchasingProcess = dto?.purchasingProcess
        signer = dto?.signer
        closeReason = dto?.closeReason
        people = dto?.people.map { PersonRow(contactId: $0.contactId.uuidString, role: $0.role) }
        competitors = dto?.competitors.map {
            CompetitorRow(competitor: $0.competitor, offer: $0.offer, price: $0.priceMinor.map { MinorUnits.plain($0, currency: currency) },
                          rep: $0.rep, assessment: $0.assessment)
        }
        version = dto?.version
    }

    func input(_ request: Request) async throws -> (OpportunityInput, [String: String]) {
        let (db, baseCurrency) = (request.db, request.application.config.baseCurrency)
        var errors: [String: String] = [:]
        let currency = (currency ?? "").trimmingCharacters(in: .whitespaces).uppercased().isEmpty ? baseCurrency : currency!.uppercased()
        var accountID: UUID?
        if let accountName, !accountName.trimmingCharacters(in: .whitespaces).isEmpty {
            switch try await AccountNames.resolve(accountName, on: db) {
            case let .success(id): accountID = id
            case let .failure(reason): errors["accountId"] = reason
            }
        }
        let stageID = stageId.flatMap(UUID.init(uuidString:))
        var pipelineID: UUID?
        if let stageID { pipelineID = try await PipelineStage.find(stageID, on: db)?.$pipeline.id }
        var probabilityValue: Int?
        if let raw = probability?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            probabilityValue = Int(raw)
            if probabilityValue == nil { errors["probability"] = "must be a whole number from 0 to 100, or empty for the stage's" }
        }
        let input = OpportunityInput(
            accountId: accountID, name: name, amountMinor: TypedAmount.read(amount, currency: currency, field: "amountMinor", errors: &errors) ?? 0, currency: currency,
            pipelineId: pipelineID, stageId: stageID, probability: probabilityValue,
            expectedClose: expectedClose.flatMap { $0.isEmpty ? nil : $0 },
            ownerId: ownerId.flatMap(UUID.init(uuidString:)), source: source, nextStep: nextStep,
            nextStepDue: nextStepDue.flatMap { $0.isEmpty ? nil : $0 }, problem: problem, purchasePlan: purchasePlan,
            budgetMinor: TypedAmount.read(budget, currency: currency, field: "budgetMinor", errors: &errors), budgetConfirmed: budgetConfirmed == "true",
            purchasingProcess: purchasingProcess, signer: signer, closeReason: closeReason,
            people: (people ?? []).compactMap { row in
                guard let id = row.contactId.flatMap(UUID.init(uuidString:)) else { return nil }
                return DealPersonInput(contactId: id, role: row.role ?? "")
            },
            competitors: (competitors ?? []).enumerated().compactMap { index, row in
                guard let name = row.competitor, !name.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                return DealCompetitorInput(competitor: name, offer: row.offer, priceMinor: TypedAmount.read(row.price, currency: currency, field: "competitors[\(index)].priceMinor", errors: &errors),
                                           rep: row.rep, assessment: row.assessment)
            })
        return (input, errors)
    }
}
