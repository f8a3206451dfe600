import CRMCore
import Fluent
import Vapor

/// A few deals per demo customer, spread over the default pipeline's stages and the coming months.
enum DemoDeals {
    static let plans: [(name: String, stage: String, amount: Int64, monthsAhead: Int, reason: String?)] = [
        ("Packaging line upgrade", "Proposal", 4_800_000, 1, nil),
        ("Annual supply contract", "Verbal agreement", 12_000_000, 0, nil),
        ("Pilot order", "Qualification", 900_000, 3, nil),
        ("Spare parts", "Won", 350_000, 0, "Fastest delivery and local service"),
    ]

    static func add(for account: Account, currency: String, owner: User, app: Application) async throws {
        let stages = try await PipelineStage.query(on: app.db).join(Pipeline.self, on: \PipelineStage.$pipeline.$id == \Pipeline.$id)
            .filter(Pipeline.self, \.$name == "New business").all()
        let now = app.clock.now()
        let store = OpportunityStore(db: app.db, actor: owner, now: now, baseCurrency: app.config.baseCurrency)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        for (index, plan) in plans.enumerated() {
            guard let stage = stages.first(where: { $0.name == plan.stage }) else { continue }
            let close = calendar.date(byAdding: .day, value: 20 + plan.monthsAhead * 30, to: now) ?? now
            _ = try await store.create(OpportunityInput(
                accountId: account.id, name: plan.name, amountMinor: plan.amount * Int64(index % 2 + 1), currency: currency,
                pipelineId: stage.$pipeline.id, stageId: stage.id, expectedClose: CalendarDate.today(at: close).description,
                source: ["referral", "inbound", "trade fair"][index % 3], nextStep: plan.reason == nil ? "Call the decision maker" : nil,
                closeReason: plan.reason))
        }
    }
}
