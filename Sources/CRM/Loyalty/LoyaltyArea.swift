import CRMCore
import Fluent
import Vapor

/// Loyalty programmes: revisit plans that keep salespeople in touch with their customers at a steady rhythm,
/// reminders when a customer is late against their own purchase rhythm, and holiday greetings in each customer's language.
enum LoyaltyArea: Area {
    static let migrations: [any Migration] = [CreateLoyalty(), CreateGreetings()]

    static var apiOperations: [APIOperation] {
        RevisitPlansAPIController.operations + ReorderRemindersAPIController.operations + GreetingsAPIController.operations
    }

    static var schemas: [(String, JSONSchema)] {
        [("RevisitPlanInput", RevisitPlans.Input.schema), ("RevisitPlan", RevisitPlans.DTO.schema), ("RevisitScope", RevisitPlans.Scope.schema),
         ("RevisitResults", RevisitPlans.Results.schema), ("RevisitOverdue", RevisitPlans.Overdue.schema),
         ("ReorderSettings", ReorderReminders.Settings.schema), ("ReorderResults", ReorderReminders.Results.schema),
         ("ReorderOverview", ReorderRemindersAPIController.Overview.schema), ("HolidayCalendar", HolidayBook.Calendar.schema),
         ("Holiday", HolidayBook.HolidayDTO.schema), ("GreetingInput", Greetings.Input.schema), ("GreetingTextInput", Greetings.TextInput.schema),
         ("Greeting", Greetings.DTO.schema), ("GreetingResults", Greetings.Results.schema), ("GreetingDecision", GreetingRun.Decision.schema),
         ("GreetingPreview", GreetingRun.Preview.schema)]
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
        api.get("holiday-calendars", use: GreetingsAPIController.calendars)
        api.on(.PUT, "holiday-calendars", ":calendar", body: .collect(maxSize: "5mb"), use: GreetingsAPIController.importCalendar)
        api.delete("holiday-calendars", ":calendar", use: GreetingsAPIController.deleteCalendar)
        api.get("holidays", use: GreetingsAPIController.holidays)
        api.get("greetings", use: GreetingsAPIController.list)
        api.post("greetings", use: GreetingsAPIController.create)
        api.get("greetings", ":greetingID", use: GreetingsAPIController.show)
        api.put("greetings", ":greetingID", use: GreetingsAPIController.update)
        api.delete("greetings", ":greetingID", use: GreetingsAPIController.delete)
        api.get("greetings", ":greetingID", "preview", use: GreetingsAPIController.preview)
        api.post("greetings", ":greetingID", "schedule", use: GreetingsAPIController.schedule)
        api.post("greetings", ":greetingID", "unschedule", use: GreetingsAPIController.unschedule)
        api.post("greetings", ":greetingID", "send", use: GreetingsAPIController.sendNow)

        let pages = routes.pages
        pages.get(Site.loyalty, use: LoyaltyPages.show)
        pages.post(Site.revisitPlanNew, use: LoyaltyPages.add)
        pages.get(Site.revisitPlan, use: LoyaltyPages.plan)
        pages.post(Site.revisitPlan, use: LoyaltyPages.save)
        pages.post(Site.revisitPlanRemove, use: LoyaltyPages.remove)
        pages.post(Site.reorderSettings, use: LoyaltyPages.saveReorderSettings)
        pages.get(Site.greetings, use: GreetingPages.list)
        pages.post(Site.greetings, use: GreetingPages.prepare)
        pages.get(Site.greeting, use: GreetingPages.show)
        pages.post(Site.greeting, use: GreetingPages.save)
        pages.post(Site.greetingSchedule, use: GreetingPages.schedule)
        pages.post(Site.greetingUnschedule, use: GreetingPages.unschedule)
        pages.post(Site.greetingSend, use: GreetingPages.send)
        pages.post(Site.greetingRemove, use: GreetingPages.remove)
        FormBodyLimit.upload(pages, Site.holidayCalendarImport, maxSize: "5mb", use: GreetingPages.importCalendar)
        pages.post(Site.holidayCalendarRemove, use: GreetingPages.removeCalendar)
    }

    static func contribute(to contributions: inout Contributions) {
        contributions.jobKinds.append(RevisitScheduler.kind)
        contributions.jobKinds.append(ReorderReminders.kind)
        contributions.jobKinds.append(GreetingRun.kind)
    }
}
