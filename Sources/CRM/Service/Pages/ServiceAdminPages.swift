import CRMCore
import Fluent
import Vapor

/// The service desk's settings for admins: working hours, holidays and SLA targets; departments with their members
/// and manager; the routing rules in their order.
enum ServiceAdminPages {
    @Sendable static func show(_ request: Request) async throws -> Response {
        try requireAdmin(request)
        let settings = try await ServiceSettings.load(request)
        return try await page(request, form: HoursForm(settings), errors: [:], notice: request.query[String.self, at: "saved"] != nil ? "Saved." : nil).response()
    }

    static func requireAdmin(_ request: Request) throws {
        guard try request.user.role.canConfigureServiceDesk else {
            throw APIError(.forbidden, code: "forbidden", message: "Only admins change the service desk's settings.")
        }
    }

    /// Working hours, holidays, the risk share and the targets as the form writes them.
    struct HoursForm: Content {
        var timeZone: String?
        var riskPercent: String?
        var holidays: String?
        /// Comma or line separated.
        var supportAddresses: String?
        var surveyDelayMinutes: String?
        /// `hours1` … `hours7`: spans such as `09:00-12:00, 13:00-17:00`; empty for a day off.
        var hours1, hours2, hours3, hours4, hours5, hours6, hours7: String?
        /// `first-urgent-all`, `resolution-normal-A` …: minutes of working time, empty for none.
        var targets: [String: String]?

        init(_ settings: ServiceSettings) {
            timeZone = settings.calendar.timeZone.identifier
            riskPercent = String(settings.riskPercent)
            holidays = settings.calendar.holidays.sorted().map(\.description).joined(separator: "\n")
            supportAddresses = settings.supportAddresses.joined(separator: ", ")
            surveyDelayMinutes = String(settings.surveyDelayMinutes)
            let days = (1...7).map { day in (settings.calendar.week[day] ?? []).map(\.description).joined(separator: ", ") }
            (hours1, hours2, hours3, hours4, hours5, hours6, hours7) = (days[0], days[1], days[2], days[3], days[4], days[5], days[6])
            var targets: [String: String] = [:]
            for target in settings.targets {
                let tier = target.tier ?? "all"
                targets["first-\(target.priority.rawValue)-\(tier)"] = String(target.firstResponseMinutes)
                targets["resolution-\(target.priority.rawValue)-\(tier)"] = String(target.resolutionMinutes)
            }
            self.targets = targets
        }

        var days: [String?] { [hours1, hours2, hours3, hours4, hours5, hours6, hours7] }

        var input: ServiceSettings.Input {
            var hours: [String: [String]] = [:]
            for (index, text) in days.enumerated() {
                let spans = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if !spans.isEmpty { hours[String(index + 1)] = spans }
            }
            var targetList: [ServiceSettings.Input.Target] = []
            for priority in CasePriority.allCases {
                for tier in ["all", "A", "B", "C"] {
                    let first = targets?["first-\(priority.rawValue)-\(tier)"]?.trimmingCharacters(in: .whitespaces) ?? ""
                    let resolution = targets?["resolution-\(priority.rawValue)-\(tier)"]?.trimmingCharacters(in: .whitespaces) ?? ""
                    if first.isEmpty && resolution.isEmpty { continue }
                    targetList.append(.init(priority: priority.rawValue, tier: tier == "all" ? nil : tier, firstResponseMinutes: Int(first) ?? 0,
                                            resolutionMinutes: Int(resolution) ?? 0))
                }
            }
            return ServiceSettings.Input(timeZone: timeZone, hours: hours,
                                         holidays: (holidays ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty },
                                         riskPercent: riskPercent.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? -1, targets: targetList,
                                         supportAddresses: (supportAddresses ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" })
                                             .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty },
                                         surveyDelayMinutes: surveyDelayMinutes.map { Int($0.trimmingCharacters(in: .whitespaces)) ?? -1 })
        }
    }

    @Sendable static func saveHours(_ request: Request) async throws -> Response {
        try requireAdmin(request)
        let form = try request.content.decode(HoursForm.self)
        do {
            _ = try await ServiceSettings.save(form.input, on: request.db)
            return request.redirect(to: Site.serviceSettings() + "?saved=1")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await page(request, form: form, errors: error.fields, notice: nil).response(status: .unprocessableEntity)
        }
    }

    private static func page(_ request: Request, form: HoursForm, errors: [String: String], notice: String?,
                             departmentForm: Departments.Input = .init(), departmentErrors: [String: String] = [:],
                             ruleErrors: [String: String] = [:]) async throws -> Node {
        let departments = try await Departments(db: request.db).all()
        let rules = try await Departments(db: request.db).rules()
        let people = try await UserDirectory.activeUsers(on: request.db)
        let products = try await SalesDirectory(db: request.db).activeProducts()
        let productNames = Dictionary(products.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let context = PageContext(request, notice: notice)
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return Layout.page("Service settings", context) {
            Node.h1 { "Service settings" }
            Node.section(.class("card")) {
                Node.h2 { "Departments" }
                if departments.isEmpty { Node.p(.class("muted")) { "No departments yet: cases need at least one." } }
                Node.div(.class("table-scroll")) {
                    Node.table {
                        Node.thead { Node.tr { Node.th { "Department" }; Node.th { "Manager" }; Node.th { "Members" }; Node.th { "" } } }
                        Node.tbody {
                            for department in departments {
                                Node.tr {
                                    Node.td { .text(department.name); if department.isDefault { Node.span(.class("tag strong")) { "default" } } }
                                    Node.td { .text(department.manager?.name ?? "—") }
                                    Node.td { .text(department.members.map(\.name).joined(separator: ", ")) }
                                    Node.td { Node.a(.href(Site.department(department.id))) { "Change" } }
                                }
                            }
                        }
                    }
                }
                departmentFields(context, action: Site.departmentNew(), form: departmentForm, people: people, errors: departmentErrors, button: "Add department")
            }
            Node.section(.class("card")) {
                Node.h2 { "Routing rules" }
                Node.p(.class("muted")) { "A new case goes to the department of the first rule that matches it; when none does, to the default department." }
                Node.ol {
                    for rule in rules {
                        Node.li {
                            Node.text(ruleText(rule, products: productNames) + " → ")
                            Node.strong { .text(rule.department.name) }
                            for (label, action, up) in [("Earlier", Site.routingRuleMove(rule.id), true), ("Later", Site.routingRuleMove(rule.id), false)] {
                                Node.form(.method("post"), .action(action), .class("inline")) {
                                    context.csrfField
                                    Node.input(.type("hidden"), .name("up"), .value(up ? "true" : "false"))
                                    Node.button(.type("submit"), .class("secondary")) { .text(label) }
                                }
                            }
                            Node.form(.method("post"), .action(Site.routingRuleRemove(rule.id)), .class("inline")) {
                                context.csrfField
                                Node.button(.type("submit"), .class("secondary")) { "Remove" }
                            }
                        }
                    }
                }
                Node.form(.method("post"), .action(Site.routingRuleNew()), .class("filters")) {
                    context.csrfField
                    FormField.select("kind", label: "Kind", options: CaseKind.allCases.map { ($0.rawValue, $0.label) }, selected: nil, errors: ruleErrors, includeEmpty: true)
                    FormField.select("productId", label: "Product", options: products.map { ($0.id.uuidString, $0.name) }, selected: nil, errors: ruleErrors, includeEmpty: true)
                    FormField.input("keyword", label: "Word in subject or description", value: "", errors: ruleErrors)
                    FormField.select("tier", label: "Customer tier", options: [("A", "A"), ("B", "B"), ("C", "C")], selected: nil, errors: ruleErrors, includeEmpty: true)
                    FormField.select("departmentId", label: "Goes to", options: departments.map { ($0.id.uuidString, $0.name) }, selected: nil, errors: ruleErrors)
                    Node.button(.type("submit")) { "Add rule" }
                }
            }
            Node.form(.method("post"), .action(Site.serviceHours()), .class("card record")) {
                context.csrfField
                Node.h2 { "Working hours and targets" }
                Node.p(.class("muted")) { "SLA targets count working time only: these hours, not holidays, in this time zone." }
                Node.fieldset {
                    FormField.input("timeZone", label: "Time zone", value: form.timeZone, errors: errors)
                    for (index, day) in weekdays.enumerated() {
                        FormField.input("hours\(index + 1)", label: day + " (e.g. 09:00-12:00, 13:00-17:00; empty: closed)", value: form.days[index], errors: [:])
                    }
                }
                if let error = errors["hours"] { Node.p(.class("field-error")) { .text("Working hours " + error) } }
                FormField.textarea("holidays", label: "Holidays (one day a line, YYYY-MM-DD)", value: form.holidays, errors: errors, rows: 5)
                FormField.input("riskPercent", label: "At risk once this % of a target is used", value: form.riskPercent, type: "number", errors: errors)
                FormField.input("supportAddresses", label: "Support addresses: mail to them opens cases (comma separated)", value: form.supportAddresses, errors: errors)
                FormField.input("surveyDelayMinutes", label: "Minutes after resolution before the satisfaction survey goes out", value: form.surveyDelayMinutes,
                                type: "number", errors: errors)
                Node.div(.class("table-scroll")) {
                    Node.table {
                        Node.thead { Node.tr { Node.th { "Priority" }; Node.th { "Tier" }; Node.th { "First response (working minutes)" }; Node.th { "Resolution (working minutes)" } } }
                        Node.tbody {
                            for priority in CasePriority.allCases {
                                for tier in ["all", "A", "B", "C"] {
                                    Node.tr {
                                        Node.td { .text(priority.label) }
                                        Node.td { .text(tier == "all" ? "every tier" : "tier " + tier) }
                                        for clock in ["first", "resolution"] {
                                            Node.td {
                                                Node.input(.type("number"), .name("targets[\(clock)-\(priority.rawValue)-\(tier)]"),
                                                           .value(form.targets?["\(clock)-\(priority.rawValue)-\(tier)"] ?? ""),
                                                           .aria("label", "\(clock == "first" ? "First response" : "Resolution"), \(priority.rawValue), \(tier)"))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                FormField.otherErrors(errors, shown: ["timeZone", "hours", "holidays", "riskPercent", "supportAddresses", "surveyDelayMinutes"])
                Node.button(.type("submit")) { "Save working hours and targets" }
            }
        }
    }

    static func ruleText(_ rule: Departments.RuleDTO, products: [UUID: String]) -> String {
        var parts: [String] = []
        if let kind = rule.kind { parts.append(CaseKind(rawValue: kind)?.label ?? kind) }
        if let product = rule.productId { parts.append("product " + (products[product] ?? "?")) }
        if let keyword = rule.keyword { parts.append("mentions “\(keyword)”") }
        if let tier = rule.tier { parts.append("tier \(tier)") }
        return parts.joined(separator: ", ")
    }

    private static func departmentFields(_ context: PageContext, action: String, form: Departments.Input, people: [UserRef], errors: [String: String],
                                         button: String) -> Node {
        Node.form(.method("post"), .action(action), .class("record")) {
            context.csrfField
            Node.fieldset {
                FormField.input("name", label: "Name", value: form.name, errors: errors)
                FormField.select("managerId", label: "Manager (hears of SLA risks and breaches)", options: people.map { ($0.id.uuidString, $0.name) },
                                 selected: form.managerId?.uuidString, errors: errors, includeEmpty: true)
            }
            Node.fieldset {
                Node.legend("Members")
                for person in people {
                    Node.label(.class("check")) {
                        Node.input(.type("checkbox"), .name("memberIds[]"), .value(person.id.uuidString), .when(form.memberIds?.contains(person.id) == true, .checked))
                        Node.text(" " + person.name)
                    }
                }
                if let error = errors["memberIds"] { Node.p(.class("field-error")) { .text(error) } }
            }
            FormField.checkbox("isDefault", label: "Default department (takes what no rule routes)", checked: form.isDefault == true)
            FormField.otherErrors(errors, shown: ["name", "managerId", "memberIds"])
            Node.button(.type("submit")) { .text(button) }
        }
    }

    struct DepartmentForm: Content {
        var name: String?
        var managerId: String?
        var memberIds: [String]?
        var isDefault: String?

        var input: Departments.Input {
            Departments.Input(name: name, managerId: managerId.flatMap(UUID.init(uuidString:)), memberIds: (memberIds ?? []).compactMap(UUID.init(uuidString:)),
                              isDefault: isDefault == "true")
        }
    }

    @Sendable static func addDepartment(_ request: Request) async throws -> Response {
        try requireAdmin(request)
        let form = try request.content.decode(DepartmentForm.self)
        do {
            _ = try await Departments(db: request.db).save(form.input)
            return request.redirect(to: Site.serviceSettings() + "?saved=1")
        } catch let error as APIError where error.status == .unprocessableEntity {
            let settings = try await ServiceSettings.load(request)
            return try await page(request, form: HoursForm(settings), errors: [:], notice: nil, departmentForm: form.input, departmentErrors: error.fields)
                .response(status: .unprocessableEntity)
        }
    }

    @Sendable static func editDepartment(_ request: Request) async throws -> Response {
        try requireAdmin(request)
        let id = try request.pathUUID("departmentID")
        guard let department = try await Departments(db: request.db).all().first(where: { $0.id == id }) else { throw APIError.notFound("This department") }
        let input = Departments.Input(name: department.name, managerId: department.manager?.id, memberIds: department.members.map(\.id), isDefault: department.isDefault)
        return try await departmentPage(request, id: id, form: input, errors: [:]).response()
    }

    @Sendable static func saveDepartment(_ request: Request) async throws -> Response {
        try requireAdmin(request)
        let id = try request.pathUUID("departmentID")
        let form = try request.content.decode(DepartmentForm.self)
        do {
            _ = try await Departments(db: request.db).save(form.input, id: id)
            return request.redirect(to: Site.serviceSettings() + "?saved=1")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await departmentPage(request, id: id, form: form.input, errors: error.fields).response(status: .unprocessableEntity)
        }
    }

    private static func departmentPage(_ request: Request, id: UUID, form: Departments.Input, errors: [String: String]) async throws -> Node {
        let people = try await UserDirectory.activeUsers(on: request.db)
        let context = PageContext(request)
        return Layout.page("Department", context) {
            Node.h1 { .text(form.name ?? "Department") }
            departmentFields(context, action: Site.department(id), form: form, people: people, errors: errors, button: "Save")
        }
    }

    struct RuleForm: Content {
        var departmentId: String?
        var kind: String?
        var productId: String?
        var keyword: String?
        var tier: String?
    }

    @Sendable static func addRule(_ request: Request) async throws -> Response {
        try requireAdmin(request)
        let form = try request.content.decode(RuleForm.self)
        let input = Departments.RuleInput(departmentId: form.departmentId.flatMap(UUID.init(uuidString:)), kind: form.kind.flatMap { $0.isEmpty ? nil : $0 },
                                          productId: form.productId.flatMap(UUID.init(uuidString:)), keyword: form.keyword, tier: form.tier.flatMap { $0.isEmpty ? nil : $0 })
        do {
            _ = try await Departments(db: request.db).addRule(input)
            return request.redirect(to: Site.serviceSettings() + "?saved=1")
        } catch let error as APIError where error.status == .unprocessableEntity {
            let settings = try await ServiceSettings.load(request)
            return try await page(request, form: HoursForm(settings), errors: [:], notice: nil, ruleErrors: error.fields).response(status: .unprocessableEntity)
        }
    }

    @Sendable static func moveRule(_ request: Request) async throws -> Response {
        try requireAdmin(request)
        let up = (try? request.content.get(String.self, at: "up")) == "true"
        try await Departments(db: request.db).moveRule(try request.pathUUID("ruleID"), up: up)
        return request.redirect(to: Site.serviceSettings())
    }

    @Sendable static func removeRule(_ request: Request) async throws -> Response {
        try requireAdmin(request)
        try await Departments(db: request.db).deleteRule(try request.pathUUID("ruleID"))
        return request.redirect(to: Site.serviceSettings())
    }
}
