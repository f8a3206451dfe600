import CRMCore
import Fluent
import Foundation

/// A deal being worked on: what the customer wants to buy, for how much, by when, and how their buying works.
final class Opportunity: Model, @unchecked Sendable {
    static let schema = "opportunities"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Parent(key: "pipeline_id") var pipeline: Pipeline
    @Parent(key: "stage_id") var stage: PipelineStage
    @Field(key: "name") var name: String
    @Field(key: "amount_minor") var amountMinor: Int64
    @Field(key: "currency") var currency: String
    /// The probability in use: the stage's default unless `probability_override` is set.
    @Field(key: "probability") var probability: Int
    @OptionalField(key: "probability_override") var probabilityOverride: Int?
    /// Copied from the stage so the board and the forecast need no join: `StageOutcome` raw value.
    @Field(key: "outcome") var outcome: String
    /// `YYYY-MM-DD`: a calendar day, compared as text.
    @Field(key: "expected_close") var expectedClose: String
    @Parent(key: "owner_id") var owner: User
    @OptionalField(key: "source") var source: String?
    @OptionalField(key: "next_step") var nextStep: String?
    @OptionalField(key: "next_step_due") var nextStepDue: String?
    @OptionalField(key: "problem") var problem: String?
    @OptionalField(key: "purchase_plan") var purchasePlan: String?
    @OptionalField(key: "budget_minor") var budgetMinor: Int64?
    @Field(key: "budget_confirmed") var budgetConfirmed: Bool
    @OptionalField(key: "purchasing_process") var purchasingProcess: String?
    @OptionalField(key: "signer") var signer: String?
    @OptionalField(key: "close_reason") var closeReason: String?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// `YYYY-MM`, set when the deal closes, so the forecast groups closed deals without date functions.
    @OptionalField(key: "closed_month") var closedMonth: String?
    /// Days from creation to close, kept so the average cycle is an SQL AVG.
    @OptionalField(key: "cycle_days") var cycleDays: Int?
    @Field(key: "last_activity_at") var lastActivityAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int
    @Children(for: \.$opportunity) var people: [OpportunityPerson]
    @Children(for: \.$opportunity) var competitors: [OpportunityCompetitor]

    init() {}
}

/// A contact and the part they play in this deal.
final class OpportunityPerson: Model, @unchecked Sendable {
    static let schema = "opportunity_people"

    @ID(key: .id) var id: UUID?
    @Parent(key: "opportunity_id") var opportunity: Opportunity
    @Field(key: "contact_id") var contactID: UUID
    /// `DealRole` raw value.
    @Field(key: "role") var role: String

    init() {}

    init(opportunityID: UUID, contactID: UUID, role: String) {
        self.$opportunity.id = opportunityID
        self.contactID = contactID
        self.role = role
    }
}

/// A competitor in this deal, with their offer as far as we know it.
final class OpportunityCompetitor: Model, @unchecked Sendable {
    static let schema = "opportunity_competitors"

    @ID(key: .id) var id: UUID?
    @Parent(key: "opportunity_id") var opportunity: Opportunity
    @Field(key: "competitor") var competitor: String
    @OptionalField(key: "offer") var offer: String?
    @OptionalField(key: "price_minor") var priceMinor: Int64?
    @OptionalField(key: "rep") var rep: String?
    @OptionalField(key: "assessment") var assessment: String?

    init() {}
}

/// One move of a deal between stages: the raw material of conversion rates, time in stage and cycle length.
final class StageChange: Model, @unchecked Sendable {
    static let schema = "opportunity_stage_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "opportunity_id") var opportunity: Opportunity
    @OptionalParent(key: "from_stage_id") var fromStage: PipelineStage?
    @Parent(key: "to_stage_id") var toStage: PipelineStage
    @OptionalParent(key: "user_id") var user: User?
    @Field(key: "changed_at") var changedAt: Date
    /// Set when the deal moves on, so time in stage is an SQL AVG.
    @OptionalField(key: "left_at") var leftAt: Date?
    @OptionalField(key: "seconds_in_stage") var secondsInStage: Int64?

    init() {}

    init(opportunityID: UUID, from: UUID?, to: UUID, userID: UUID?, at: Date) {
        self.$opportunity.id = opportunityID
        self.$fromStage.id = from
        self.$toStage.id = to
        self.$user.id = userID
        self.changedAt = at
    }
}

extension QueryBuilder where Model == Opportunity {
    /// Open deals past their close date or without a change for `staleDays`: the SQL form of `StageRules.isStale`.
    @discardableResult
    func onlyStale(now: Date, staleDays: Int) -> Self {
        let today = CalendarDate.today(at: now).description
        let idleSince = now.addingTimeInterval(-Double(staleDays) * 86_400)
        return filter(\.$outcome == StageOutcome.open.rawValue)
            .group(.or) { $0.filter(\.$expectedClose < today).filter(\.$lastActivityAt < idleSince) }
    }
}
