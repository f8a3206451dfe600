import CRMCore
import Fluent
import Vapor

/// The service desk's pages: queues (a department's, mine, everyone's), a case with its clocks and timeline and the
/// forms that reply, note, move and assign it, and the form that opens one.
enum CasePages {
    struct CaseForm: Content {
        var kind: String?
        var subject: String?
        var description: String?
        var priority: String?
        var channel: String?
        var accountId: String?
        var contactId: String?
        var productId: String?
        var orderId: String?
        var departmentId: String?
        var assigneeId: String?

        func input() throws -> CaseInput {
            var input = CaseInput()
            (input.kind, input.subject, input.description, input.priority, input.channel) = (kind, subject, description, priority, channel)
            var errors: [String: String] = [:]
            func id(_ text: String?, _ field: String) -> UUID? {
                guard let text, !text.isEmpty else { return nil }
                guard let id = UUID(uuidString: text) else { errors[field] = "is not a record here"; return nil }
                return id
            }
            input.accountId = id(accountId, "accountId")
            input.contactId = id(contactId, "contactId")
            input.productId = id(productId, "productId")
            input.orderId = id(orderId, "orderId")
            input.departmentId = id(departmentId, "departmentId")
            input.assigneeId = id(assigneeId, "assigneeId")
            if !errors.isEmpty { throw APIError.invalid(errors) }
            return input
        }
    }

    // MARK: Queues

    @Sendable static func list(_ request: Request) async throws -> Response {
        let filter = try CaseFilter(request)
        let settings = try await ServiceSettings.load(request)
        let paging = try PageRequest(from: request)
        let page = try await filter.page(paging, settings: settings, now: request.now, on: request.db)
        let departments = try await Departments(db: request.db).all()
        let me = try request.user
        let context = PageContext(request)
        let zone = request.userTimeZone
        let current = request.query[String.self, at: "department"] ?? ""
        let assignee = request.query[String.self, at: "assignee"] ?? ""
        let status = request.query[String.self, at: "status"] ?? "active"
        let title = filter.department.flatMap { id in departments.first { $0.id == id }?.name }.map { "\($0) queue" }
            ?? (assignee == "me" ? "My cases" : "Cases")
        var satisfaction: CaseSurveys.Scores?
        if case let .person(id) = filter.assignee { satisfaction = try await CaseSurveys.scores(assignee: id, on: request.db) }
        return Layout.page(title, context) {
            Node.div(.class("title-row")) {
                Node.h1 { .text(title) }
                Node.div(.class("actions")) {
                    Node.a(.href(Site.serviceReport()), .class("button secondary")) { "Report" }
                    if me.role.canConfigureServiceDesk { Node.a(.href(Site.serviceSettings()), .class("button secondary")) { "Service settings" } }
                    Node.a(.href(Site.caseNew()), .class("button")) { "New case" }
                }
            }
            if let satisfaction { Node.p(.class("subtitle")) { .text("Customers' satisfaction with these cases: " + satisfaction.text) } }
            Node.nav(.class("tabs"), .aria("label", "Queues")) {
                Node.a(.href(Site.cases() + "?assignee=me"), .when(assignee == "me", .aria("current", "page"))) { "Mine" }
                for department in departments {
                    Node.a(.href(Site.cases() + "?department=\(department.id)"), .when(current == department.id.uuidString, .aria("current", "page"))) {
                        .text(department.name)
                    }
                }
                Node.a(.href(Site.cases()), .when(current.isEmpty && assignee.isEmpty, .aria("current", "page"))) { "All" }
            }
            Node.form(.method("get"), .action(Site.cases()), .class("filters")) {
                if !current.isEmpty { Node.input(.type("hidden"), .name("department"), .value(current)) }
                FormField.select("status", label: "Status", options: [("active", "Active, most urgent first"), ("any", "Any status")]
                                 + CaseStatus.allCases.map { ($0.rawValue, $0.label) }, selected: status)
                FormField.select("assignee", label: "Assigned to", options: [("", "Anyone"), ("me", "Me"), ("none", "Nobody (in the queue)")], selected: assignee)
                Node.button(.type("submit"), .class("secondary")) { "Show" }
            }
            if page.items.isEmpty {
                Node.p(.class("muted")) { "No cases here." }
            } else {
                Node.div(.class("table-scroll")) {
                    Node.table {
                        Node.thead { Node.tr { Node.th { "Case" }; Node.th { "Customer" }; Node.th { "Status" }; Node.th { "Priority" }; Node.th { "SLA" }; Node.th { "Assigned" }; Node.th { "Opened" } } }
                        Node.tbody {
                            for item in page.items { row(item, zone: zone) }
                        }
                    }
                }
            }
            NextPageLink.node(Site.cases(), query: ["department": current, "assignee": assignee, "status": status].filter { !$0.value.isEmpty },
                              nextCursor: page.nextCursor)
        }.response()
    }

    static func row(_ item: CaseDTO, zone: String) -> Node {
        let (label, clock) = CaseText.current(item)
        return Node.tr {
            Node.td {
                Node.a(.href(Site.serviceCase(item.id))) { Node.strong { .text(item.reference) }; Node.text(" " + item.subject) }
                Node.div(.class("muted")) { .text((CaseKind(rawValue: item.kind)?.label ?? item.kind) + " · " + item.department.name) }
            }
            Node.td { .text(item.contact?.name ?? item.account?.name ?? "—") }
            Node.td { .text(CaseStatus(rawValue: item.status)?.label ?? item.status) }
            Node.td { Node.span(.class(item.priority == "urgent" || item.priority == "high" ? "tag warn" : "tag")) { .text(item.priority) } }
            Node.td {
                if item.isActive {
                    Node.span(.class(CaseText.tagClass(clock.standing))) { .text(label + ": " + CaseText.clock(clock)) }
                } else {
                    Node.span(.class(CaseText.tagClass(item.resolution.standing))) { .text("Resolution " + CaseText.clock(item.resolution)) }
                }
            }
            Node.td { .text(item.assignee?.name ?? "queue") }
            Node.td { DateText.node(item.createdAt, timeZone: zone) }
        }
    }

    // MARK: Opening

    @Sendable static func new(_ request: Request) async throws -> Response {
        var form = CaseForm()
        form.accountId = request.query[String.self, at: "account"]
        form.contactId = request.query[String.self, at: "contact"]
        form.orderId = request.query[String.self, at: "order"]
        form.kind = request.query[String.self, at: "kind"] ?? CaseKind.complaint.rawValue
        form.priority = CasePriority.normal.rawValue
        form.channel = CaseChannel.phone.rawValue
        return try await formPage(request, form: form, errors: [:]).response()
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(CaseForm.self)
        do {
            let item = try await CaseStore.make(request).open(try form.input())
            return request.redirect(to: Site.serviceCase(try item.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity || error.status == .conflict {
            let errors = error.fields.isEmpty ? ["departmentId": error.message] : error.fields
            return try await formPage(request, form: form, errors: errors).response(status: error.status)
        }
    }

    private static func formPage(_ request: Request, form: CaseForm, errors: [String: String]) async throws -> Node {
        let context = PageContext(request)
        let people = try await UserDirectory.activeUsers(on: request.db)
        let departments = try await Departments(db: request.db).all()
        let products = try await SalesDirectory(db: request.db).activeProducts()
        let ids = (account: form.accountId.flatMap { UUID(uuidString: $0) }, contact: form.contactId.flatMap { UUID(uuidString: $0) })
        let names = try await CustomerDirectory(db: request.db).names(accounts: ids.account.map { [$0] } ?? [], contacts: ids.contact.map { [$0] } ?? [])
        let about = [ids.contact.map { names.contact($0) }, ids.account.flatMap { names.accounts[$0] }].compactMap { $0 }.filter { !$0.isEmpty }
        return Layout.page("New case", context) {
            Node.h1 { "New case" }
            if !about.isEmpty { Node.p(.class("subtitle")) { .text("From " + about.joined(separator: " · ")) } }
            Node.form(.method("post"), .action(Site.caseNew()), .class("record")) {
                context.csrfField
                for (name, value) in [("accountId", form.accountId), ("contactId", form.contactId), ("orderId", form.orderId)] {
                    if let value, !value.isEmpty { Node.input(.type("hidden"), .name(name), .value(value)) }
                }
                Node.fieldset {
                    FormField.select("kind", label: "Kind", options: CaseKind.allCases.map { ($0.rawValue, $0.label) }, selected: form.kind, errors: errors)
                    FormField.input("subject", label: "Subject", value: form.subject, errors: errors, extra: [Attribute("maxlength", "300"), Attribute("required", "")])
                    FormField.select("priority", label: "Priority", options: CasePriority.allCases.map { ($0.rawValue, $0.label) }, selected: form.priority, errors: errors)
                    FormField.select("channel", label: "Came by", options: CaseChannel.allCases.map { ($0.rawValue, $0.label) }, selected: form.channel, errors: errors)
                    FormField.select("productId", label: "Product", options: products.map { ($0.id.uuidString, $0.name) }, selected: form.productId,
                                     errors: errors, includeEmpty: true)
                    FormField.select("departmentId", label: "Department (empty: by the routing rules)", options: departments.map { ($0.id.uuidString, $0.name) },
                                     selected: form.departmentId, errors: errors, includeEmpty: true)
                    FormField.select("assigneeId", label: "Assign to (empty: the customer's owner if in the department, else its queue)",
                                     options: people.map { ($0.id.uuidString, $0.name) }, selected: form.assigneeId, errors: errors, includeEmpty: true)
                }
                FormField.textarea("description", label: "What the customer said", value: form.description, errors: errors, rows: 8)
                FormField.otherErrors(errors, shown: ["kind", "subject", "priority", "channel", "productId", "departmentId", "assigneeId", "description"])
                Node.button(.type("submit")) { "Open case" }
            }
        }
    }

    // MARK: One case

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await page(request, caseID: try request.pathUUID("caseID"), errors: [:], form: [:]).response()
    }

    private static func page(_ request: Request, caseID: UUID, errors: [String: String], form: [String: String]) async throws -> Node {
        let settings = try await ServiceSettings.load(request)
        let item = try await CaseRows.dto(caseID, settings: settings, now: request.now, on: request.db)
        let events = try await CaseEvents.timeline(of: caseID, on: request.db)
        let store = CaseStore(db: request.db, actor: try request.user, now: request.now, settings: settings)
        let canWork = (try? await store.requireWork(departmentID: item.department.id, assigneeID: item.assignee?.id)) != nil
        let departments = try await Departments(db: request.db).all()
        let people = try await UserDirectory.activeUsers(on: request.db)
        let zone = request.userTimeZone
        let context = PageContext(request)
        let status = CaseStatus(rawValue: item.status) ?? .new
        return Layout.page("\(item.reference) \(item.subject)", context) {
            Node.div(.class("title-row")) {
                Node.h1 { Node.text(item.reference + " "); Node.text(item.subject) }
            }
            Node.p(.class("subtitle")) {
                Node.span(.class("tag")) { .text(CaseKind(rawValue: item.kind)?.label ?? item.kind) }
                Node.span(.class(item.priority == "urgent" || item.priority == "high" ? "tag warn" : "tag")) { .text(item.priority + " priority") }
                Node.span(.class("tag strong")) { .text(status.label) }
                if item.reopened > 0 { Node.span(.class("tag")) { .text("reopened \(item.reopened)×") } }
            }
            Node.div(.class("columns")) {
                Node.section(.class("card")) {
                    Node.h2 { "Service level" }
                    Node.dl {
                        for (label, clock) in [("First response", item.firstResponse), ("Resolution", item.resolution)] {
                            Node.dt { .text(label) }
                            Node.dd {
                                Node.span(.class(CaseText.tagClass(clock.standing))) { .text(CaseText.clock(clock)) }
                                Node.div(.class("muted")) {
                                    Node.text("target \(CaseText.minutes(clock.targetMinutes)) of working time")
                                    if let due = clock.dueAt { Node.text(" · due "); DateText.node(due, timeZone: zone) }
                                }
                            }
                        }
                    }
                }
                Node.section(.class("card")) {
                    Node.h2 { "Details" }
                    Node.dl {
                        Node.dt { "Department" }
                        Node.dd { Node.a(.href(Site.cases() + "?department=\(item.department.id)")) { .text(item.department.name) } }
                        Node.dt { "Assigned to" }
                        Node.dd { .text(item.assignee?.name ?? "Nobody yet: in the department's queue") }
                        if let contact = item.contact { Node.dt { "Contact" }; Node.dd { Node.a(.href(Site.contact(contact.id))) { .text(contact.name) } } }
                        if let account = item.account {
                            Node.dt { "Account" }
                            Node.dd { Node.a(.href(Site.account(account.id))) { .text(account.name) }; if let tier = item.tier { Node.span(.class("tag")) { .text("tier " + tier) } } }
                        }
                        if let product = item.product { Node.dt { "Product" }; Node.dd { Node.a(.href(Site.product(product.id))) { .text(product.name) } } }
                        if let order = item.order { Node.dt { "Order" }; Node.dd { Node.a(.href(Site.order(order.id))) { .text(order.name) } } }
                        Node.dt { "Came by" }
                        Node.dd { .text(CaseChannel(rawValue: item.channel)?.label ?? item.channel) }
                        Node.dt { "Opened" }
                        Node.dd { .text((item.createdBy?.name ?? "by email") + ", "); DateText.node(item.createdAt, timeZone: zone) }
                    }
                    if let description = item.description { Node.div(.class("prose")) { .text(description) } }
                }
            }
            if canWork {
                Node.section(.class("card")) {
                    Node.h2 { "Work on it" }
                    Node.form(.method("post"), .action(Site.caseReply(item.id)), .class("record")) {
                        context.csrfField
                        FormField.textarea("body", label: "Reply to the customer", value: form["reply"], errors: errors["reply"].map { ["body": $0] } ?? [:], rows: 6)
                        FormField.select("via", label: "Send", options: [("email", "By email (from the outbox, with \(item.reference) in the subject)"), ("phone", "Said on the phone: record the call")],
                                         selected: form["via"] ?? (item.contact == nil ? "phone" : "email"), errors: errors)
                        Node.button(.type("submit")) { "Reply" }
                    }
                    Node.form(.method("post"), .action(Site.caseNote(item.id)), .class("record")) {
                        context.csrfField
                        FormField.textarea("body", label: "Internal note (never leaves the CRM)", value: form["note"], errors: errors["note"].map { ["body": $0] } ?? [:], rows: 3)
                        Node.button(.type("submit"), .class("secondary")) { "Add note" }
                    }
                    Node.div(.class("actions")) {
                        for next in status.next {
                            Node.form(.method("post"), .action(Site.caseStatus(item.id)), .class("inline")) {
                                context.csrfField
                                Node.input(.type("hidden"), .name("status"), .value(next.rawValue))
                                if status.isReopening(to: next) {
                                    FormField.input("reason", label: "What is still wrong", value: form["reason"], errors: errors)
                                }
                                Node.button(.type("submit"), .class(next == .resolved ? "" : "secondary")) { .text(status.isReopening(to: next) ? "Reopen" : next.verb) }
                            }
                        }
                    }
                    if let error = errors["status"] { Node.p(.class("field-error")) { .text(error) } }
                    Node.form(.method("post"), .action(Site.caseClassify(item.id)), .class("filters")) {
                        context.csrfField
                        FormField.select("kind", label: "Kind", options: CaseKind.allCases.map { ($0.rawValue, $0.label) }, selected: item.kind, errors: errors)
                        FormField.select("priority", label: "Priority", options: CasePriority.allCases.map { ($0.rawValue, $0.label) }, selected: item.priority, errors: errors)
                        Node.button(.type("submit"), .class("secondary")) { "Reclassify" }
                    }
                    Node.form(.method("post"), .action(Site.caseAssign(item.id)), .class("filters")) {
                        context.csrfField
                        FormField.select("departmentId", label: "Department", options: departments.map { ($0.id.uuidString, $0.name) }, selected: item.department.id.uuidString, errors: errors)
                        FormField.select("assigneeId", label: "Person", options: people.map { ($0.id.uuidString, $0.name) }, selected: item.assignee?.id.uuidString,
                                         errors: errors, includeEmpty: true)
                        Node.button(.type("submit"), .class("secondary")) { "Assign" }
                    }
                }
            }
            Node.section(.class("card"), .id("timeline")) {
                Node.h2 { "Timeline" }
                Node.ul(.class("timeline")) {
                    for event in events.reversed() { eventLine(event, zone: zone) }
                }
            }
        }
    }

    static func eventLine(_ event: CaseEventDTO, zone: String) -> Node {
        let kind = CaseEventKind(rawValue: event.kind)
        return Node.li(.class(event.isInternal ? "internal" : "")) {
            Node.div(.class("muted")) {
                DateText.node(event.at, timeZone: zone)
                Node.text(" · " + (kind?.label ?? event.kind))
                if let actor = event.actor { Node.text(" · " + actor.name) }
                if event.isInternal { Node.span(.class("tag")) { "internal" } }
            }
            if let from = event.from, let to = event.to {
                Node.div { .text(CaseStatus(rawValue: from)?.label ?? from) ; Node.text(" → "); Node.text(CaseStatus(rawValue: to)?.label ?? to) }
            } else if kind == .reply, let to = event.to {
                Node.div(.class("muted")) { .text(to == "email" ? "by email" : "by phone") }
            } else if kind == .emailIn, let to = event.to {
                Node.div(.class("muted")) { .text("from " + to) }
            } else if let to = event.to, kind != .survey {
                Node.div { .text(to) }
            }
            if let body = event.body { Node.div(.class("prose")) { .text(body) } }
        }
    }

    // MARK: Actions

    @Sendable static func reply(_ request: Request) async throws -> Response {
        let input = try request.content.decode(CaseReplyInput.self)
        return try await act(request, form: ["reply": input.body ?? "", "via": input.via ?? ""], field: "reply") { store, item in
            try await store.reply(item, input, app: request.application)
        }
    }

    @Sendable static func note(_ request: Request) async throws -> Response {
        let input = try request.content.decode(CaseMessageInput.self)
        return try await act(request, form: ["note": input.body ?? ""], field: "note") { store, item in try await store.note(item, input) }
    }

    @Sendable static func move(_ request: Request) async throws -> Response {
        let input = try request.content.decode(CaseMoveInput.self)
        return try await act(request, form: ["reason": input.reason ?? ""], field: "status") { store, item in try await store.move(item, input) }
    }

    @Sendable static func classify(_ request: Request) async throws -> Response {
        let input = try request.content.decode(CaseClassifyInput.self)
        return try await act(request, form: [:], field: "priority") { store, item in try await store.classify(item, input) }
    }

    @Sendable static func assign(_ request: Request) async throws -> Response {
        struct Form: Content { var departmentId: String?; var assigneeId: String? }
        let form = try request.content.decode(Form.self)
        let input = CaseAssignInput(departmentId: form.departmentId.flatMap(UUID.init(uuidString:)), assigneeId: form.assigneeId.flatMap(UUID.init(uuidString:)))
        return try await act(request, form: [:], field: "assigneeId") { store, item in try await store.assign(item, input) }
    }

    /// Runs an action on a case the user may work on, then shows the case again; a refused action shows why, by its form.
    private static func act(_ request: Request, form: [String: String], field: String, _ action: (CaseStore, ServiceCase) async throws -> Void) async throws -> Response {
        let (store, item) = try await CasesAPIController.workable(request)
        let caseID = try item.requireID()
        do {
            try await action(store, item)
            return request.redirect(to: Site.serviceCase(caseID) + "#timeline")
        } catch let error as APIError where error.status == .unprocessableEntity || error.status == .conflict {
            var errors: [String: String] = [:]
            for (name, reason) in error.fields { errors[name == "body" ? field : name] = reason }
            if errors.isEmpty { errors[field] = error.message }
            return try await page(request, caseID: caseID, errors: errors, form: form).response(status: error.status)
        }
    }
}
