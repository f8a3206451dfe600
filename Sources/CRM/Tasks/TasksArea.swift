import CRMCore
import Fluent
import Vapor

/// Tasks and *my day*: what each person is to do and by when, follow-ups from interactions, reminders, the team's
/// overview for managers and each user's private calendar feed.
enum TasksArea: Area {
    static let migrations: [any Migration] = [CreateTasks(), AddTaskProgrammes()]

    static var apiOperations: [APIOperation] { TasksAPIController.operations }

    static var schemas: [(String, JSONSchema)] {
        [("TaskInput", TaskInput.schema), ("Task", TaskDTO.schema), ("TaskCompletion", TaskCompletion.schema), ("MyDay", MyDay.schema)]
    }

    static func routes(_ routes: AreaRoutes) throws {
        let api = routes.api
        api.get("tasks", use: TasksAPIController.list)
        api.post("tasks", use: TasksAPIController.create)
        api.get("tasks", ":taskID", use: TasksAPIController.show)
        api.patch("tasks", ":taskID", use: TasksAPIController.patch)
        api.post("tasks", ":taskID", "complete", use: TasksAPIController.complete)
        api.post("tasks", ":taskID", "cancel", use: TasksAPIController.cancel)
        api.get("my-day", use: TasksAPIController.myDay)

        let pages = routes.pages
        pages.get(Site.myDay, use: MyDayPages.show)
        pages.get(Site.myDayTeam, use: MyDayPages.team)
        pages.post(Site.myDayReminders, use: MyDayPages.setReminders)
        pages.post(Site.myDayFeed, use: MyDayPages.newFeed)
        pages.post(Site.myDayFeedRevoke, use: MyDayPages.revokeFeed)
        pages.get(Site.taskNew, use: TaskPages.new)
        pages.post(Site.taskNew, use: TaskPages.create)
        pages.get(Site.task, use: TaskPages.show)
        pages.get(Site.taskEdit, use: TaskPages.edit)
        pages.post(Site.taskEdit, use: TaskPages.update)
        pages.post(Site.taskComplete, use: TaskPages.complete)
        pages.post(Site.taskCancel, use: TaskPages.cancel)
        routes.root.get(Site.calendarFeed, use: MyDayPages.feed)
    }
}
