import CRMCore
import Fluent
import Vapor

/// Loyalty programmes: revisit plans that keep salespeople in touch with their customers at a steady rhythm, and
/// reminders when a customer is late against their own purchase rhythm.
enum LoyaltyArea: Area {
    static let migrations: [any Migration] = [CreateLoyalty()]

    static var apiOperations: [APIOperation] { RevisitPlansAPIController.operations + ReorderRemindersAPIController.operations }

    static var schemas: [(String, JSONSchema)] {
        [("RevisitPlanInput", RevisitPlans.Input.schema), ("RevisitPlan", RevisitPlans.DTO.schema), ("RevisitScope", RevisitPlans.Scope.schema),
         ("RevisitResults", RevisitPlans.Results.schema), ("RevisitOverdue", RevisitPlans.Overdue.schema),
         ("ReorderSettings", ReorderReminders.Settings.schema), ("ReorderResults", ReorderReminders.Results.schema),
         ("ReorderOverview", ReorderRemindersAPIController.Overview.schema)]
    }

    static func routes(_ routes: AreaRoutes) throws {
        let api = routes.api
        api.get("revisit-plans", use: RevisitPlansAPIController.list)
        api.post("revisit-plans", use: RevisitPlansAPIController.create)
        api.get("revisit-plans", ":planID", use: RevisitPlansAPIController.show)
        api.put("revisit-plans", ":planID", use: RevisitPlansAPIController.update)
        api.delete("revisit-plans", ":planID", use: RevisitPlansAPIController.delete)
        api.get("revisit-plans", ":planID", "overdue", use: RevisitPlansAPIController.overdue)
        api.get("reorder-reminders", use: ReorderRemindersAPIController.show)
        api.put("reorder-reminders", "settings", use: ReorderRemindersAPIController.saveSettings)

        let pages = routes.pages
        pages.get(Site.loyalty, use: LoyaltyPages.show)
        pages.post(Site.revisitPlanNew, use: LoyaltyPages.add)
        pages.get(Site.revisitPlan, use: LoyaltyPages.plan)
        pages.post(Site.revisitPlan, use: LoyaltyPages.save)
        pages.post(Site.revisitPlanRemove, use: LoyaltyPages.remove)
        pages.post(Site.reorderSettings, use: LoyaltyPages.saveReorderSettings)
    }

    static func contribute(to contributions: inout Contributions) {
        contributions.jobKinds.append(RevisitScheduler.kind)
        contributions.jobKinds.append(ReorderReminders.kind)
    }
}
