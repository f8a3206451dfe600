import CRMCore
import Fluent
import Vapor

/// A task's page (with *Done* and *Cancel*), and the form that sets or changes one. A new task opened from a
/// customer's card or a deal carries them in the query (`account`, `contact`, `deal`, `order`).
enum TaskPages {
    struct TaskForm: Content {
        var title: String?
        var notes: String?
        var kind: String?
        var priority: String?
        var dueOn: String?
        var dueTime: String?
        var assigneeId: String?
        var accountId: String?
        var contactId: String?
        var dealId: String?
        var orderId: String?

        init() {}

        init(_ task: TaskDTO) {
            (title, notes, kind, priority, dueOn, dueTime) = (task.title, task.notes, task.kind, task.priority, task.dueOn, task.dueTime)
            assigneeId = task.assignee.id.uuidString
            (accountId, contactId) = (task.account?.id.uuidString, task.contact?.id.uuidString)
            (dealId, orderId) = (task.deal?.id.uuidString, task.order?.id.uuidString)
        }

        /// The form as API input; a related id that is not a UUID is named, like the API would.
        func input() throws -> TaskInput {
            var input = TaskInput()
            (input.title, input.notes, input.kind, input.priority, input.dueOn) = (title, notes, kind, priority, dueOn)
            input.dueTime = dueTime?.isEmpty == false ? dueTime : nil
            var errors: [String: String] = [:]
            func id(_ text: String?, _ field: String) -> UUID? {
                guard let text, !text.isEmpty else { return nil }
                guard let id = UUID(uuidString: text) else { errors[field] = "is not a record here"; return nil }
                return id
            }
            input.assigneeId = id(assigneeId, "assigneeId")
            input.accountId = id(accountId, "accountId")
            input.contactId = id(contactId, "contactId")
            input.dealId = id(dealId, "dealId")
            input.orderId = id(orderId, "orderId")
            if !errors.isEmpty { throw APIError.invalid(errors) }
            return input
        }
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        var form = TaskForm()
        form.accountId = request.query[String.self, at: "account"]
        form.contactId = request.query[String.self, at: "contact"]
        form.dealId = request.query[String.self, at: "deal"]
        form.orderId = request.query[String.self, at: "order"]
        form.kind = request.query[String.self, at: "kind"] ?? TaskKind.call.rawValue
        let user = try request.user
        form.assigneeId = user.id?.uuidString
        form.dueOn = TaskDue.day(of: request.now, in: TimeZone(identifier: user.timeZone) ?? .gmt).adding(days: 1).description
        return try await formPage(request, form: form, task: nil, errors: [:]).response()
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(TaskForm.self)
        do {
            let task = try await TaskStore(request).create(try form.input())
            return request.redirect(to: Site.task(try task.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await formPage(request, form: form, task: nil, errors: error.fields).response(status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let task = try await TaskRows.dto(try request.pathUUID("taskID"), on: request.db)
        try TaskStore(request).requireChange(task)
        return try await formPage(request, form: TaskForm(task), task: task, errors: [:]).response()
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let model = try await TaskStore.load(try request.pathUUID("taskID"), on: request.db)
        let store = try TaskStore(request)
        try store.requireChange(model)
        let form = try request.content.decode(TaskForm.self)
        let version = (try? request.content.get(Int.self, at: "version")) ?? model.version
        do {
            try await store.update(model, with: try form.input(), expectedVersion: version)
            return request.redirect(to: Site.task(try model.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity || error.status == .conflict {
            let task = try await TaskRows.dto(try model.requireID(), on: request.db)
            // A stale version says what happened, not only which field.
            let errors = error.status == .conflict ? ["version": error.message] : error.fields
            return try await formPage(request, form: form, task: task, errors: errors).response(status: error.status)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await page(request, try await TaskRows.dto(try request.pathUUID("taskID"), on: request.db), completion: TaskCompletion(), errors: [:]).response()
    }

    @Sendable static func complete(_ request: Request) async throws -> Response {
        let model = try await TaskStore.load(try request.pathUUID("taskID"), on: request.db)
        let completion = try request.content.decode(TaskCompletion.self)
        do {
            try await TaskStore(request).complete(model, with: completion)
            let returnTo = LocalPath.checked(try? request.content.get(String.self, at: "returnTo"))
            let taskID = try model.requireID()
            return request.redirect(to: returnTo ?? Site.task(taskID))
        } catch let error as APIError where error.status == .unprocessableEntity || error.status == .conflict {
            let task = try await TaskRows.dto(try model.requireID(), on: request.db)
            let errors = error.fields.isEmpty ? ["outcome": error.message] : error.fields
            return try await page(request, task, completion: completion, errors: errors).response(status: error.status)
        }
    }

    @Sendable static func cancel(_ request: Request) async throws -> Response {
        let model = try await TaskStore.load(try request.pathUUID("taskID"), on: request.db)
        try await TaskStore(request).cancel(model)
        return request.redirect(to: Site.task(try model.requireID()))
    }

    private static func page(_ request: Request, _ task: TaskDTO, completion: TaskCompletion, errors: [String: String]) async throws -> Node {
        let canChange = (try? TaskStore(request).requireChange(task)) != nil
        let zone = request.userTimeZone
        let context = PageContext(request)
        let kind = TaskKind(rawValue: task.kind) ?? .todo
        return Layout.page(task.title, context) {
            Node.div(.class("title-row")) {
                Node.h1 { .text(task.title) }
                if canChange && task.isOpen { Node.a(.href(Site.taskEdit(task.id)), .class("button secondary")) { "Edit" } }
            }
            Node.p(.class("subtitle")) {
                Node.span(.class("tag")) { .text(kind.label) }
                Node.span(.class(task.priority == TaskPriority.high.rawValue ? "tag warn" : "tag")) { .text(task.priority) }
                Node.span(.class("tag strong")) { .text(task.status) }
            }
            Node.section(.class("card")) {
                Node.dl {
                    Node.dt { "Due" }
                    Node.dd { .text(TaskText.due(task)) }
                    Node.dt { "For" }
                    Node.dd { .text(task.assignee.name) }
                    TaskText.about(task)
                    Node.dt { "Set by" }
                    Node.dd { .text(task.createdBy.name + ", "); DateText.node(task.createdAt, timeZone: zone) }
                    if let notes = task.notes { Node.dt { "Notes" }; Node.dd(.class("prose")) { .text(notes) } }
                    if !task.isOpen {
                        Node.dt { .text(task.status == TaskStatus.done.rawValue ? "Done" : "Cancelled") }
                        Node.dd { .text((task.doneBy?.name ?? "") + ", "); DateText.node(task.doneAt, timeZone: zone) }
                    }
                    if let outcome = task.outcome { Node.dt { "Outcome" }; Node.dd(.class("prose")) { .text(outcome) } }
                    if task.interactionId != nil, let account = task.account {
                        Node.dt { "Recorded" }
                        Node.dd { Node.a(.href(Site.account(account.id) + "#timeline")) { .text("On \(account.name)'s timeline") } }
                    }
                }
            }
            if canChange && task.isOpen {
                Node.form(.method("post"), .action(Site.taskComplete(task.id)), .class("card")) {
                    context.csrfField
                    Node.h2 { "Mark done" }
                    if kind.recordedAs != nil && (task.account != nil || task.contact != nil) {
                        Node.p(.class("muted")) { .text("The \(kind == .call ? "call" : "visit") is recorded on the customer's timeline with this outcome.") }
                    }
                    FormField.textarea("outcome", label: "Outcome", value: completion.outcome, errors: errors, rows: 4)
                    if errors["capReason"] != nil || completion.capReason != nil {
                        FormField.input("capReason", label: "Why contact them again now", value: completion.capReason, errors: errors)
                    }
                    FormField.otherErrors(errors, shown: ["outcome", "capReason"])
                    Node.button(.type("submit")) { "Done" }
                }
                Node.form(.method("post"), .action(Site.taskCancel(task.id))) {
                    context.csrfField
                    Node.button(.type("submit"), .class("secondary")) { "Cancel this task" }
                }
            }
        }
    }

    private static func formPage(_ request: Request, form: TaskForm, task: TaskDTO?, errors: [String: String]) async throws -> Node {
        let context = PageContext(request)
        let people = try await UserDirectory.activeUsers(on: request.db)
        let ids = (account: form.accountId.flatMap { UUID(uuidString: $0) }, contact: form.contactId.flatMap { UUID(uuidString: $0) })
        let names = try await CustomerDirectory(db: request.db).names(accounts: ids.account.map { [$0] } ?? [], contacts: ids.contact.map { [$0] } ?? [])
        var dealName: String?
        if let dealID = form.dealId.flatMap({ UUID(uuidString: $0) }) { dealName = try await DealDirectory(db: request.db).names([dealID])[dealID] }
        let title = task == nil ? "New task" : "Edit task"
        let about = [ids.contact.map { names.contact($0) }, ids.account.flatMap { names.accounts[$0] }, dealName.map { "deal “\($0)”" }]
            .compactMap { $0 }.filter { !$0.isEmpty }
        return Layout.page(title, context) {
            Node.h1 { .text(title) }
            if !about.isEmpty { Node.p(.class("subtitle")) { .text("About " + about.joined(separator: " · ")) } }
            Node.form(.method("post"), .action(task.map { Site.taskEdit($0.id) } ?? Site.taskNew()), .class("record")) {
                context.csrfField
                if let task { Node.input(.type("hidden"), .name("version"), .value(String(task.version))) }
                for (name, value) in [("accountId", form.accountId), ("contactId", form.contactId), ("dealId", form.dealId), ("orderId", form.orderId)] {
                    if let value, !value.isEmpty { Node.input(.type("hidden"), .name(name), .value(value)) }
                }
                Node.fieldset {
                    FormField.input("title", label: "What to do", value: form.title, errors: errors, extra: [Attribute("maxlength", "200"), Attribute("required", "")])
                    FormField.select("kind", label: "Kind", options: TaskKind.allCases.map { ($0.rawValue, $0.label) }, selected: form.kind, errors: errors)
                    FormField.select("priority", label: "Priority", options: TaskPriority.allCases.map { ($0.rawValue, $0.rawValue.capitalized) },
                                     selected: form.priority ?? TaskPriority.normal.rawValue, errors: errors)
                    FormField.input("dueOn", label: "Due on", value: form.dueOn, type: "date", errors: errors)
                    FormField.input("dueTime", label: "At (leave empty for all day)", value: form.dueTime, type: "time", errors: errors)
                    FormField.select("assigneeId", label: "For", options: people.map { ($0.id.uuidString, $0.name) }, selected: form.assigneeId, errors: errors)
                }
                FormField.textarea("notes", label: "Notes", value: form.notes, errors: errors, rows: 5)
                FormField.otherErrors(errors, shown: ["title", "kind", "priority", "dueOn", "dueTime", "assigneeId", "notes"])
                Node.button(.type("submit")) { .text(task == nil ? "Set task" : "Save") }
            }
        }
    }
}

/// How tasks read in lists and on their page.
enum TaskText {
    static func due(_ task: TaskDTO) -> String {
        task.dueOn + (task.dueTime.map { " at " + $0 } ?? " (all day)")
    }

    /// The customer, deal and order a task is about, as definition-list rows with links.
    static func about(_ task: TaskDTO) -> Node {
        .fragment([
            task.contact.map { contact in .fragment([Node.dt { "Contact" }, Node.dd { Node.a(.href(Site.contact(contact.id))) { .text(contact.name) } }]) },
            task.account.map { account in .fragment([Node.dt { "Account" }, Node.dd { Node.a(.href(Site.account(account.id))) { .text(account.name) } }]) },
            task.deal.map { deal in .fragment([Node.dt { "Deal" }, Node.dd { Node.a(.href(Site.deal(deal.id))) { .text(deal.name) } }]) },
            task.order.map { order in .fragment([Node.dt { "Order" }, Node.dd { Node.a(.href(Site.order(order.id))) { .text(order.name) } }]) },
        ].compactMap { $0 })
    }

    /// A task as one line of a list: due, title, what it is about.
    static func line(_ task: TaskDTO, showAssignee: Bool = false) -> Node {
        Node.li {
            Node.a(.href(Site.task(task.id))) { Node.strong { .text(task.title) } }
            if task.priority == TaskPriority.high.rawValue { Node.span(.class("tag warn")) { "high" } }
            Node.div(.class("muted")) {
                Node.text(due(task))
                if let about = task.contact?.name ?? task.account?.name { Node.text(" · " + about) }
                if let deal = task.deal { Node.text(" · " + deal.name) }
                if showAssignee { Node.text(" · for " + task.assignee.name) }
            }
        }
    }
}
