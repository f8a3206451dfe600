import CRMCore
import Fluent
import Vapor

/// `/tasks` and `/my-day`: tasks as JSON, changed with `If-Match` like every record.
enum TasksAPIController {
    @Sendable static func list(_ request: Request) async throws -> ListPage<TaskDTO> {
        try await TaskFilter(request).page(try PageRequest(from: request), on: request.db)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let task = try await TaskStore(request).create(try request.decodeStrict(TaskInput.self))
        return try await answer(task, request, status: .created)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await answer(try await TaskStore.load(try request.pathUUID("taskID"), on: request.db), request)
    }

    @Sendable static func patch(_ request: Request) async throws -> Response {
        let store = try TaskStore(request)
        let task = try await TaskStore.load(try request.pathUUID("taskID"), on: request.db)
        try store.requireChange(task)
        let expected = try request.expectedVersion()
        let current = try await TaskRows.dto(try task.requireID(), on: request.db)
        try await store.update(task, with: try request.mergePatch(onto: current.input), expectedVersion: expected)
        return try await answer(task, request)
    }

    @Sendable static func complete(_ request: Request) async throws -> Response {
        let task = try await TaskStore.load(try request.pathUUID("taskID"), on: request.db)
        // Nothing to say is a body-less POST, as with cancel.
        let completion = request.body.data?.readableBytes ?? 0 > 0 ? try request.decodeStrict(TaskCompletion.self) : TaskCompletion()
        try await TaskStore(request).complete(task, with: completion)
        return try await answer(task, request)
    }

    @Sendable static func cancel(_ request: Request) async throws -> Response {
        let task = try await TaskStore.load(try request.pathUUID("taskID"), on: request.db)
        try await TaskStore(request).cancel(task)
        return try await answer(task, request)
    }

    @Sendable static func myDay(_ request: Request) async throws -> MyDay {
        let (user, zone) = try await MyDayPages.whose(request)
        return try await MyDay.load(for: user, timeZone: zone, now: request.now, on: request.db)
    }

    private static func answer(_ task: TaskItem, _ request: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let dto = try await TaskRows.dto(try task.requireID(), on: request.db)
        return try .json(dto, status: status, version: dto.version)
    }

    static var operations: [APIOperation] {
        let task = APIOperation.pathParameter("taskID", "The task's id")
        return [
            .init(method: .GET, path: "/tasks", summary: "Tasks, soonest due first", tag: "Tasks", parameters: TaskFilter.parameters + APIOperation.pagingParameters,
                  response: .object([("items", .array(.ref("Task"))), ("nextCursor", .string())]), errors: [400, 401]),
            .init(method: .POST, path: "/tasks", summary: "Set a task (for yourself unless assigneeId names someone else)", tag: "Tasks",
                  requestBody: .ref("TaskInput"), successStatus: 201, response: .ref("Task"), errors: [400, 401, 422]),
            .init(method: .GET, path: "/tasks/{taskID}", summary: "One task", tag: "Tasks", parameters: [task], response: .ref("Task"), errors: [400, 401, 404]),
            .init(method: .PATCH, path: "/tasks/{taskID}", summary: "Change a task (If-Match required; its assignee, the person who set it, managers, admins)",
                  tag: "Tasks", parameters: [task], requestBody: .ref("TaskInput"), response: .ref("Task"), errors: [400, 401, 403, 404, 409, 422, 428]),
            .init(method: .POST, path: "/tasks/{taskID}/complete", summary: "Mark a task done; a call or visit is recorded on the customer's timeline",
                  tag: "Tasks", parameters: [task], requestBody: .ref("TaskCompletion"), response: .ref("Task"), errors: [400, 401, 403, 404, 409, 422]),
            .init(method: .POST, path: "/tasks/{taskID}/cancel", summary: "Cancel an open task", tag: "Tasks", parameters: [task],
                  response: .ref("Task"), errors: [400, 401, 403, 404, 409]),
            .init(method: .GET, path: "/my-day", summary: "Overdue, today's and the coming week's tasks (managers may ask for a colleague's)", tag: "Tasks",
                  parameters: [APIOperation.query("user", .uuid, "Whose day; default yours")], response: .ref("MyDay"), errors: [400, 401, 403, 404]),
        ]
    }
}
