import CRMCore
import Fluent
import Vapor

/// Loyalty programmes: revisit plans that keep salespeople in touch with their customers at a steady rhythm.
enum LoyaltyArea: Area {
    static let migrations: [any Migration] = [CreateRevisitPlans()]

    static var apiOperations: [APIOperation] { RevisitPlansAPIController.operations }

    static var schemas: [(String, JSONSchema)] {
        [("RevisitPlanInput", RevisitPlans.Input.schema), ("RevisitPlan", RevisitPlans.DTO.schema), ("RevisitScope", RevisitPlans.Scope.schema),
         ("RevisitResults", RevisitPlans.Results.schema), ("RevisitOverdue", RevisitPlans.Overdue.schema)]
    }

    static func routes(_ routes: AreaRoutes) throws {
        let api = routes.api
        api.get("revisit-plans", use: RevisitPlansAPIController.list)
        api.post("revisit-plans", use: RevisitPlansAPIController.create)
        api.get("revisit-plans", ":planID", use: RevisitPlansAPIController.show)
        api.put("revisit-plans", ":planID", use: RevisitPlansAPIController.update)
        api.delete("revisit-plans", ":planID", use: RevisitPlansAPIController.delete)
        api.get("revisit-plans", ":planID", "overdue", use: RevisitPlansAPIController.overdue)

        let pages = routes.pages
        pages.get(Site.loyalty, use: LoyaltyPages.show)
        pages.post(Site.revisitPlanNew, use: LoyaltyPages.add)
        pages.get(Site.revisitPlan, use: LoyaltyPages.plan)
        pages.post(Site.revisitPlan, use: LoyaltyPages.save)
        pages.post(Site.revisitPlanRemove, use: LoyaltyPages.remove)
    }

    static func contribute(to contributions: inout Contributions) {
        contributions.jobKinds.append(RevisitScheduler.kind)
    }
}
