import CRMCore
import Fluent
import Vapor

/// `/loyalty`: the revisit plans with their results and the reorder reminders; a plan's page lists the accounts
/// overdue for their visit or call. Managers and admins add, change, pause and remove plans and set the reminders here.
enum LoyaltyPages {
    /// The plan form as typed: the account is named (exactly), the interval is text until checked.
    struct PlanForm: Content {
        var name: String?
        var kind: String?
        var intervalDays: String?
        var tier: String?
        var tag: String?
        var account: String?
        var active: String?

        init() {}

        init(_ plan: RevisitPlans.DTO) {
            (name, kind, intervalDays) = (plan.name, plan.kind, String(plan.intervalDays))
            (tier, tag, account, active) = (plan.scope.tier, plan.scope.tag, plan.scope.account?.name, plan.active ? "true" : nil)
        }

        /// The API's input and the form's own errors (an interval that is no number, an account not found by its name),
        /// which the plan's checks report together with theirs.
        func input(on db: any Database, keepingActive: Bool) async throws -> (RevisitPlans.Input, [String: String]) {
            var errors: [String: String] = [:]
            var input = RevisitPlans.Input(name: name, kind: kind, tier: tier, tag: tag, active: keepingActive ? active == "true" : true)
            if let text = intervalDays?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                if let days = Int(text) { input.intervalDays = days } else { errors["intervalDays"] = "must be a whole number of days" }
            }
            if let name = account?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
                let found = try await CustomerDirectory(db: db).activeAccounts(named: name)
                switch found.count {
                case 1: input.accountId = found[0]
                case 0: errors["account"] = "names no active account (type its exact name)"
                default: errors["account"] = "names several accounts; plan for a tag instead"
                }
            }
            return (input, errors)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await page(request, form: PlanForm(), errors: [:]).response()
    }

    struct ReorderForm: Content {
        var reorderMarginPercent: String?
        var minimumOrders: String?
    }

    @Sendable static func saveReorderSettings(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let form = try request.content.decode(ReorderForm.self)
        var errors: [String: String] = [:]
        let margin = form.reorderMarginPercent.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let minimum = form.minimumOrders.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if margin == nil { errors["reorderMarginPercent"] = "must be a whole number of percent" }
        if minimum == nil { errors["minimumOrders"] = "must be a whole number of orders" }
        do {
            if !errors.isEmpty { throw APIError.invalid(errors) }
            _ = try await ReorderReminders.save(.init(reorderMarginPercent: margin, minimumOrders: minimum), on: request.db, now: request.now)
            return request.redirect(to: Site.loyalty())
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await page(request, form: PlanForm(), errors: [:], reorderForm: form, reorderErrors: error.fields).response(status: .unprocessableEntity)
        }
    }

    @Sendable static func add(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let form = try request.content.decode(PlanForm.self)
        do {
            let (input, formErrors) = try await form.input(on: request.db, keepingActive: false)
            let plan = try await RevisitPlans(db: request.db, now: request.now).save(input, app: request.application, formErrors: formErrors)
            return request.redirect(to: Site.revisitPlan(try plan.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await page(request, form: form, errors: error.fields).response(status: .unprocessableEntity)
        }
    }

    private static func page(_ request: Request, form: PlanForm, errors: [String: String], reorderForm: ReorderForm? = nil,
                             reorderErrors: [String: String] = [:]) async throws -> Node {
        let plans = try await RevisitPlans(db: request.db, now: request.now).all(today: RevisitPlans.today(request))
        let settings = try await ReorderReminders.settings(on: request.db)
        let reminders = try await ReorderReminders.results(on: request.db, now: request.now)
        let shownSettings = reorderForm ?? ReorderForm(reorderMarginPercent: String(settings.margin), minimumOrders: String(settings.minimum))
        let context = PageContext(request)
        let planner = try request.user.role.canPlanProgrammes
        return Layout.page("Loyalty", context) {
            Node.h1 { "Loyalty programmes" }
            Node.p(.class("subtitle")) {
                "Revisit plans keep one visit or call task per customer on its owner's day, due a set number of days after the last real visit or call."
            }
            Node.section(.class("card"), .aria("label", "Revisit plans")) {
                Node.h2 { "Revisit plans" }
                if plans.isEmpty {
                    Node.p(.class("muted")) { "No revisit plan yet." }
                } else {
                    Node.div(.class("table-scroll")) {
                        Node.table {
                            Node.thead { Node.tr { Node.th { "Plan" }; Node.th { "For" }; Node.th { "Rhythm" }; Node.th { "Open" }; Node.th { "Overdue" }; Node.th { "Done on time" }; Node.th { "State" } } }
                            Node.tbody {
                                for plan in plans {
                                    Node.tr {
                                        Node.td { Node.a(.href(Site.revisitPlan(plan.id))) { .text(plan.name) } }
                                        Node.td { .text(plan.scope.text) }
                                        Node.td { .text(rhythm(plan)) }
                                        Node.td(.class("num")) { .text(String(plan.results.open)) }
                                        Node.td(.class("num")) {
                                            Node.span(.class(plan.results.overdue > 0 ? "tag warn" : "muted")) { .text(String(plan.results.overdue)) }
                                        }
                                        Node.td(.class("num")) { .text("\(plan.results.doneOnTime) of \(plan.results.done)") }
                                        Node.td { .text(plan.active ? "Active" : "Paused") }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Node.section(.class("card"), .aria("label", "Reorder reminders")) {
                Node.h2 { "Reorder reminders" }
                Node.p {
                    .text("Every morning, a customer later than \(settings.margin) % of their usual interval between orders (judged on at least \(settings.minimum) "
                          + "buying days; seasonal buyers by their seasons) gets one task for its owner with the evidence; it closes when they order.")
                }
                Node.p(.class("subtitle")) {
                    .text("Last \(reminders.days) days: \(reminders.opened) reminders, \(reminders.answered) answered by an order, \(reminders.open) still open.")
                }
                if planner {
                    Node.form(.method("post"), .action(Site.reorderSettings()), .class("record")) {
                        context.csrfField
                        FormField.input("reorderMarginPercent", label: "Remind when late by more than (% of the usual interval)", value: shownSettings.reorderMarginPercent,
                                        type: "number", errors: reorderErrors)
                        FormField.input("minimumOrders", label: "Buying days needed for a rhythm", value: shownSettings.minimumOrders, type: "number", errors: reorderErrors)
                        Node.button(.type("submit"), .class("secondary")) { "Save" }
                    }
                }
            }
            Node.section(.class("card"), .aria("label", "Holiday greetings")) {
                Node.h2 { "Holiday greetings" }
                Node.p { "One greeting per holiday to each consenting customer, in their language, from their owner." }
                Node.p { Node.a(.href(Site.greetings())) { "Holidays and greetings →" } }
            }
            if planner {
                Node.section(.class("card"), .aria("label", "New revisit plan")) {
                    Node.h2 { "New revisit plan" }
                    planFields(context, action: Site.revisitPlanNew(), form: form, errors: errors, button: "Add plan", showsActive: false)
                }
            }
        }
    }

    static func rhythm(_ plan: RevisitPlans.DTO) -> String {
        "\((RevisitKind(rawValue: plan.kind) ?? .visit).label) \(RevisitRules.every(plan.intervalDays))"
    }

    private static func planFields(_ context: PageContext, action: String, form: PlanForm, errors: [String: String], button: String,
                                   showsActive: Bool) -> Node {
        Node.form(.method("post"), .action(action), .class("record")) {
            context.csrfField
            Node.fieldset {
                FormField.input("name", label: "Name", value: form.name, errors: errors)
                FormField.select("kind", label: "Keep in touch by", options: RevisitKind.allCases.map { ($0.rawValue, $0.label) }, selected: form.kind ?? "visit",
                                 errors: errors)
                FormField.input("intervalDays", label: "Every how many days", value: form.intervalDays, type: "number", errors: errors,
                                extra: [Attribute("min", "1"), Attribute("max", "730")])
            }
            Node.fieldset {
                Node.legend("For (one of)")
                FormField.select("tier", label: "Customers in tier", options: ProfitTiers.Tier.allCases.map { ($0.rawValue, "Tier " + $0.rawValue) },
                                 selected: form.tier, errors: errors, includeEmpty: true)
                FormField.input("tag", label: "Accounts tagged", value: form.tag, errors: errors)
                FormField.input("account", label: "One account (its exact name)", value: form.account, errors: errors, errorKey: errors["account"] != nil ? "account" : "accountId")
            }
            if showsActive { FormField.checkbox("active", label: "Active (paused plans cancel their open tasks)", checked: form.active == "true") }
            FormField.otherErrors(errors, shown: ["name", "kind", "intervalDays", "tier", "tag", "account", "accountId"])
            Node.button(.type("submit")) { .text(button) }
        }
    }

    @Sendable static func plan(_ request: Request) async throws -> Response {
        let plans = RevisitPlans(db: request.db, now: request.now)
        let plan = try await plans.dto(try await plans.require(try request.pathUUID("planID")), today: RevisitPlans.today(request))
        return try await planPage(request, plan: plan, form: PlanForm(plan), errors: [:]).response()
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let plans = RevisitPlans(db: request.db, now: request.now)
        let stored = try await plans.require(try request.pathUUID("planID"))
        let form = try request.content.decode(PlanForm.self)
        do {
            let (input, formErrors) = try await form.input(on: request.db, keepingActive: true)
            try await plans.save(input, plan: stored, app: request.application, formErrors: formErrors)
            return request.redirect(to: Site.revisitPlan(try stored.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity {
            let fresh = try await plans.dto(try await plans.require(try stored.requireID()), today: RevisitPlans.today(request))
            return try await planPage(request, plan: fresh, form: form, errors: error.fields).response(status: .unprocessableEntity)
        }
    }

    @Sendable static func remove(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let plans = RevisitPlans(db: request.db, now: request.now)
        try await plans.delete(try await plans.require(try request.pathUUID("planID")))
        return request.redirect(to: Site.loyalty())
    }

    private static func planPage(_ request: Request, plan: RevisitPlans.DTO, form: PlanForm, errors: [String: String]) async throws -> Node {
        let plans = RevisitPlans(db: request.db, now: request.now)
        let zone = request.userTimeZone
        let overdue = try await plans.overdue(try await plans.require(plan.id), today: RevisitPlans.today(request))
        let context = PageContext(request)
        let results = plan.results
        let planner = try request.user.role.canPlanProgrammes
        return Layout.page(plan.name, context) {
            Node.p { Node.a(.href(Site.loyalty())) { "← Loyalty programmes" } }
            Node.h1 { .text(plan.name) }
            Node.p(.class("subtitle")) { .text("\(plan.scope.text) · \(rhythm(plan)) · \(plan.active ? "active" : "paused")") }
            Node.section(.class("card"), .aria("label", "Results")) {
                Node.h2 { .text("Results since \(TaskDue.day(of: plan.createdAt, in: TimeZone(identifier: zone) ?? .gmt))") }
                Node.dl(.class("facts")) {
                    Node.dt { "Tasks opened" }; Node.dd { .text(String(results.created)) }
                    Node.dt { "Done" }; Node.dd { .text(String(results.done)) }
                    Node.dt { "Done on time" }; Node.dd { .text(String(results.doneOnTime)) }
                    Node.dt { "Cancelled" }; Node.dd { .text(String(results.cancelled)) }
                    Node.dt { "Open now" }; Node.dd { .text(String(results.open)) }
                    Node.dt { "Overdue" }; Node.dd { .text(String(results.overdue)) }
                }
            }
            Node.section(.class("card"), .aria("label", "Overdue accounts")) {
                Node.h2 { .text("Overdue for a \((RevisitKind(rawValue: plan.kind) ?? .visit).label.lowercased())") }
                if overdue.isEmpty {
                    Node.p(.class("muted")) { "Nobody is overdue." }
                } else {
                    Node.div(.class("table-scroll")) {
                        Node.table {
                            Node.thead { Node.tr { Node.th { "Account" }; Node.th { "Owner" }; Node.th { "Due" }; Node.th { "Days overdue" }; Node.th { "Last contact" }; Node.th { "Task" } } }
                            Node.tbody {
                                for row in overdue {
                                    Node.tr {
                                        Node.td { Node.a(.href(Site.account(row.account.id))) { .text(row.account.name) } }
                                        Node.td { .text(row.owner.name) }
                                        Node.td { .text(row.dueOn) }
                                        Node.td(.class("num")) { Node.span(.class("tag warn")) { .text(String(row.daysOverdue)) } }
                                        Node.td { DateText.node(row.lastContact, timeZone: zone) }
                                        Node.td { Node.a(.href(Site.task(row.taskId))) { "Open task" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if planner {
                Node.section(.class("card"), .aria("label", "Change the plan")) {
                    Node.h2 { "Change the plan" }
                    planFields(context, action: Site.revisitPlan(plan.id), form: form, errors: errors, button: "Save", showsActive: true)
                    Node.form(.method("post"), .action(Site.revisitPlanRemove(plan.id))) {
                        context.csrfField
                        Node.button(.type("submit"), .class("secondary danger")) { "Remove the plan (cancels its open tasks)" }
                    }
                }
            }
        }
    }
}
