import CRMCore
import Foundation

/// The deal list, card and form.
enum OpportunityPages {
    static func amount(_ minor: Int64, _ currency: String) -> String { MinorUnits.display(minor, currency: currency) }

    struct ListModel {
        let page: ListPage<OpportunityDTO>
        let query: [String: String]
        let owners: [UserRef]
        let pipelines: [PipelineAdmin.PipelineDTO]
    }

    static func list(_ model: ListModel, _ context: PageContext) -> Node {
        Layout.page("Deals", context) {
            Node.div(.class("title-row")) {
                Node.h1 { "Deals" }
                Node.a(.href(Site.board()), .class("button secondary")) { "Board" }
                Node.a(.href(Site.dealNew()), .class("button")) { "New deal" }
            }
            Node.form(.method("get"), .action(Site.deals()), .class("filters")) {
                FormField.select("pipeline", label: "Pipeline", options: model.pipelines.map { ($0.id.uuidString, $0.name) },
                                 selected: model.query["pipeline"], includeEmpty: true)
                FormField.select("owner", label: "Owner", options: model.owners.map { ($0.id.uuidString, $0.name) },
                                 selected: model.query["owner"], includeEmpty: true)
                FormField.select("outcome", label: "State", options: [("open", "Open"), ("won", "Won"), ("lost", "Lost")],
                                 selected: model.query["outcome"], includeEmpty: true)
                FormField.checkbox("stale", label: "Stale only", checked: model.query["stale"] == "true")
                Node.button(.type("submit"), .class("secondary")) { "Filter" }
            }
            if model.page.items.isEmpty { Node.p(.class("muted")) { "No deals match." } }
            Node.table(.class("list")) {
                Node.thead { Node.tr { Node.th { "Deal" }; Node.th { "Account" }; Node.th { "Stage" }; Node.th { "Amount" }; Node.th { "Closes" }; Node.th { "Owner" } } }
                Node.tbody {
                    for deal in model.page.items {
                        Node.tr {
                            Node.td {
                                Node.a(.href(Site.deal(deal.id))) { .text(deal.name) }
                                if deal.isStale { Node.span(.class("tag warn")) { "Stale" } }
                            }
                            Node.td { Node.a(.href(Site.account(deal.account.id))) { .text(deal.account.name) } }
                            Node.td { .text("\(deal.stage.name) · \(deal.probability) %") }
                            Node.td { .text(amount(deal.amountMinor, deal.currency)) }
                            Node.td { .text(deal.expectedClose) }
                            Node.td { .text(deal.owner?.name ?? "") }
                        }
                    }
                }
            }
            NextPageLink.node(Site.deals(), query: model.query, nextCursor: model.page.nextCursor)
        }
    }

    struct CardModel {
        let deal: OpportunityDTO
        let history: [StageHistory.Change]
        let stages: [PipelineAdmin.StageDTO]
        let canEdit: Bool
        let timeZone: String
        var moveError: String? = nil
        /// Sections other areas add (the interactions logged against the deal).
        var sections: [Contributions.CardSection] = []
    }

    static func card(_ model: CardModel, _ context: PageContext) -> Node {
        let deal = model.deal
        return Layout.page(deal.name, context) {
            Node.div(.class("title-row")) {
                Node.h1 {
                    .text(deal.name)
                    if deal.isStale { Node.span(.class("tag warn")) { "Stale" } }
                }
                Node.div(.class("actions")) {
                    Node.a(.href(Site.dealLog(deal.id)), .class("button secondary")) { "Log interaction" }
                    if model.canEdit { Node.a(.href(Site.dealEdit(deal.id)), .class("button")) { "Edit" } }
                }
            }
            Node.p(.class("subtitle")) {
                Node.a(.href(Site.account(deal.account.id))) { .text(deal.account.name) }
                Node.text(" · \(amount(deal.amountMinor, deal.currency)) · \(deal.stage.name) (\(deal.probability) %) · closes \(deal.expectedClose) · Owner: ")
                Node.strong { .text(deal.owner?.name ?? "—") }
            }
            if model.canEdit {
                Node.form(.method("post"), .action(Site.dealMove(deal.id)), .class("filters"), .id("move")) {
                    context.csrfField
                    Node.input(.type("hidden"), .name("returnTo"), .value(Site.deal(deal.id)))
                    FormField.select("stageId", label: "Move to stage", options: model.stages.map { ($0.id.uuidString, $0.name) },
                                     selected: deal.stage.id.uuidString)
                    FormField.input("closeReason", label: "Reason (when won or lost)", value: deal.closeReason,
                                    errors: model.moveError.map { ["closeReason": $0] } ?? [:])
                    Node.button(.type("submit")) { "Move" }
                }
            }
            Node.div(.class("grid")) {
                Node.section(.class("card")) {
                    Node.h2 { "The buyer's project" }
                    Node.dl {
                        for (label, value) in [("Problem to solve", deal.problem), ("Purchase plan and timeline", deal.purchasePlan),
                                               ("Purchasing process", deal.purchasingProcess), ("Who signs", deal.signer)] {
                            if let value { Node.dt { .text(label) }; Node.dd(.class("prose")) { .text(value) } }
                        }
                        if let budget = deal.budgetMinor {
                            Node.dt { "Budget" }
                            Node.dd { .text(amount(budget, deal.currency) + (deal.budgetConfirmed ? " (confirmed)" : " (not confirmed)")) }
                        }
                        if let step = deal.nextStep {
                            Node.dt { "Next step" }; Node.dd { .text(step + (deal.nextStepDue.map { " by " + $0 } ?? "")) }
                        }
                        if let source = deal.source { Node.dt { "Source" }; Node.dd { .text(source) } }
                        if let reason = deal.closeReason { Node.dt { .text(deal.stage.outcome == "won" ? "Why we won" : "Why we lost") }; Node.dd { .text(reason) } }
                    }
                }
                Node.section(.class("card")) {
                    Node.h2 { "People in this deal" }
                    if deal.people.isEmpty { Node.p(.class("muted")) { "Nobody named yet." } }
                    Node.ul(.class("plain")) {
                        for person in deal.people {
                            Node.li {
                                Node.a(.href(Site.contact(person.contactId))) { .text(person.name) }
                                Node.span(.class("tag")) { .text(DealRole(rawValue: person.role)?.label ?? person.role) }
                            }
                        }
                    }
                    Node.h2 { "Competitors in this deal" }
                    if deal.competitors.isEmpty { Node.p(.class("muted")) { "None known." } }
                    for competitor in deal.competitors {
                        Node.div(.class("competitor")) {
                            Node.strong { .text(competitor.competitor) }
                            if let offer = competitor.offer { Node.text(" — " + offer) }
                            if let price = competitor.priceMinor { Node.text(" at " + amount(price, deal.currency)) }
                            if let assessment = competitor.assessment { Node.p(.class("prose")) { .text(assessment) } }
                        }
                    }
                }
            }
            model.sections.nodes(.summary)
            model.sections.nodes(.activity)
            Node.section(.class("card")) {
                Node.h2 { "Stage history" }
                Node.ul(.class("timeline")) {
                    for change in model.history.reversed() {
                        Node.li {
                            DateText.node(change.changedAt, timeZone: model.timeZone)
                            Node.text(change.from.map { " \($0) → \(change.to)" } ?? " Created in \(change.to)")
                            if let user = change.user { Node.span(.class("muted")) { .text(" — " + user.name) } }
                        }
                    }
                }
            }
        }
    }

    struct FormModel {
        var form: OpportunityForm
        var errors: [String: String] = [:]
        var owners: [UserRef]
        var pipelines: [PipelineAdmin.PipelineDTO]
        /// The account's people, to name in the deal.
        var contacts: [(id: UUID, name: String)]
        var dealID: UUID?
        var conflict = false
    }

    static func form(_ model: FormModel, _ context: PageContext) -> Node {
        let form = model.form
        let errors = model.errors
        let editing = model.dealID != nil
        let title = editing ? "Edit \(form.name ?? "deal")" : "New deal"
        let stageOptions = model.pipelines.flatMap { pipeline in pipeline.stages.map { ($0.id.uuidString, "\(pipeline.name) — \($0.name)") } }
        return Layout.page(title, context) {
            Node.h1 { .text(title) }
            if model.conflict {
                Node.p(.class("alert"), .init("role", "alert")) {
                    "Someone else changed this deal while you were editing. Your changes are below and were not saved; save again to keep them."
                }
            }
            Node.form(.method("post"), .action(editing ? Site.dealEdit(model.dealID!) : Site.dealNew()), .class("record")) {
                context.csrfField
                if let version = form.version { Node.input(.type("hidden"), .name("version"), .value(String(version))) }
                FormField.otherErrors(errors, shown: ["name", "accountId", "amountMinor", "currency", "stageId", "probability", "expectedClose",
                                                      "ownerId", "source", "nextStep", "nextStepDue", "closeReason", "problem", "purchasePlan",
                                                      "budgetMinor", "purchasingProcess", "signer"])
                Node.fieldset {
                    Node.legend("Deal")
                    FormField.input("name", label: "Name", value: form.name, errors: errors, extra: [.required])
                    FormField.input("accountName", label: "Account", value: form.accountName, errors: errors, errorKey: "accountId",
                                    extra: CustomerPageParts.accountPicker + [.required])
                    CustomerPageParts.accountNames
                    FormField.input("amount", label: "Amount", value: form.amount, errors: errors, errorKey: "amountMinor")
                    FormField.input("currency", label: "Currency", value: form.currency, errors: errors)
                    FormField.select("stageId", label: "Pipeline and stage", options: stageOptions, selected: form.stageId, errors: errors)
                    FormField.input("probability", label: "Probability % (empty: the stage's)", value: form.probability, errors: errors)
                    FormField.input("expectedClose", label: "Expected close", value: form.expectedClose, type: "date", errors: errors, extra: [.required])
                    FormField.select("ownerId", label: "Owner", options: model.owners.map { ($0.id.uuidString, $0.name) },
                                     selected: form.ownerId ?? context.userID, errors: errors)
                    FormField.input("source", label: "Source (campaign, referral, inbound, …)", value: form.source, errors: errors)
                    FormField.input("nextStep", label: "Next step", value: form.nextStep, errors: errors)
                    FormField.input("nextStepDue", label: "Next step by", value: form.nextStepDue, type: "date", errors: errors)
                    FormField.input("closeReason", label: "Reason won or lost", value: form.closeReason, errors: errors)
                }
                Node.fieldset {
                    Node.legend("The buyer's project")
                    FormField.textarea("problem", label: "Problem to solve", value: form.problem, errors: errors)
                    FormField.textarea("purchasePlan", label: "Purchase plan and timeline", value: form.purchasePlan, errors: errors)
                    FormField.input("budget", label: "Budget", value: form.budget, errors: errors, errorKey: "budgetMinor")
                    FormField.checkbox("budgetConfirmed", label: "Budget confirmed", checked: form.budgetConfirmed == "true")
                    FormField.textarea("purchasingProcess", label: "Purchasing process (steps)", value: form.purchasingProcess, errors: errors)
                    FormField.input("signer", label: "Who signs", value: form.signer, errors: errors)
                }
                if !model.contacts.isEmpty {
                    Node.fieldset(.class("rows")) {
                        Node.legend("People in this deal")
                        for (index, row) in ((form.people ?? []) + [OpportunityForm.PersonRow(), OpportunityForm.PersonRow()]).enumerated() {
                            Node.div(.class("row")) {
                                FormField.select("people[\(index)][contactId]", label: "Person", options: model.contacts.map { ($0.id.uuidString, $0.name) },
                                                 selected: row.contactId, errors: errors, errorKey: "people[\(index)].contactId", includeEmpty: true)
                                FormField.select("people[\(index)][role]", label: "Role in the deal", options: DealRole.allCases.map { ($0.rawValue, $0.label) },
                                                 selected: row.role, errors: errors, errorKey: "people[\(index)].role")
                            }
                        }
                    }
                }
                Node.fieldset(.class("rows")) {
                    Node.legend("Competitors in this deal")
                    for (index, row) in ((form.competitors ?? []) + [OpportunityForm.CompetitorRow()]).enumerated() {
                        Node.div(.class("row")) {
                            FormField.input("competitors[\(index)][competitor]", label: "Competitor", value: row.competitor, errors: errors, errorKey: "competitors[\(index)].competitor")
                            FormField.input("competitors[\(index)][offer]", label: "Their offer", value: row.offer, errors: errors, errorKey: "competitors[\(index)].offer")
                            FormField.input("competitors[\(index)][price]", label: "Their price", value: row.price, errors: errors, errorKey: "competitors[\(index)].priceMinor")
                            FormField.input("competitors[\(index)][rep]", label: "Their rep", value: row.rep, errors: errors, errorKey: "competitors[\(index)].rep")
                            FormField.input("competitors[\(index)][assessment]", label: "Our assessment", value: row.assessment, errors: errors, errorKey: "competitors[\(index)].assessment")
                        }
                    }
                }
                Node.button(.type("submit")) { .text(editing ? "Save changes" : "Create deal") }
            }
        }
    }
}
