import CRMCore
import Fluent
import Vapor

/// `/loyalty/greetings`: the coming holidays of every calendar with a *Prepare greeting* button, the greetings and
/// what they did, and the calendars (import an `.ics` file). A greeting's page holds its texts in every language, the
/// preview of who gets what and who is skipped and why, and the buttons that schedule or send it.
enum GreetingPages {
    struct HolidayForm: Content {
        var calendar: String?
        var holidayDay: String?
        var holidayName: String?
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        try await listPage(request).response()
    }

    /// Prepares a greeting for a holiday with the standard texts, then shows it.
    @Sendable static func prepare(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let form = try request.content.decode(HolidayForm.self)
        do {
            let greeting = try await Greetings(db: request.db, now: request.now)
                .save(.init(calendar: form.calendar, holidayDay: form.holidayDay, holidayName: form.holidayName), actor: try request.user)
            return request.redirect(to: Site.greeting(try greeting.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await listPage(request, error: error.fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; "))
                .response(status: .unprocessableEntity)
        }
    }

    struct ImportForm: Content {
        var name: String?
        var file: File?
    }

    @Sendable static func importCalendar(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let form = try request.content.decode(ImportForm.self)
        let text = form.file.flatMap { $0.data.getString(at: $0.data.readerIndex, length: $0.data.readableBytes) } ?? ""
        do {
            let days = try await HolidayBook(db: request.db).importCalendar(name: form.name, file: text, now: request.now)
            return try await listPage(request, notice: "Calendar “\(form.name ?? "")” imported: \(days) days.").response()
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await listPage(request, importErrors: error.fields, importName: form.name).response(status: .unprocessableEntity)
        }
    }

    @Sendable static func removeCalendar(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let name = try request.content.decode(ImportForm.self).name ?? ""
        try await HolidayBook(db: request.db).deleteCalendar(name)
        return try await listPage(request, notice: "Calendar “\(name)” removed.").response()
    }

    private static func listPage(_ request: Request, notice: String? = nil, error: String? = nil, importErrors: [String: String] = [:],
                                 importName: String? = nil) async throws -> Node {
        let book = HolidayBook(db: request.db)
        let today = RevisitPlans.today(request)
        let chosen = request.query[String.self, at: "calendar"].flatMap { $0.isEmpty ? nil : $0 }
        let calendars = try await book.calendars()
        let holidays = try await book.holidays(from: today, through: today.adding(days: 120), calendar: chosen)
        let greetings = try await Greetings(db: request.db, now: request.now).all()
        let context = PageContext(request, notice: notice)
        let planner = try request.user.role.canPlanProgrammes
        return Layout.page("Holiday greetings", context) {
            Node.p { Node.a(.href(Site.loyalty())) { "← Loyalty programmes" } }
            Node.h1 { "Holiday greetings" }
            Node.p(.class("subtitle")) {
                "Each consenting contact gets one greeting per holiday, in their language, from their owner — never more, however often a greeting is run."
            }
            if let error { Node.p(.class("error"), .init("role", "alert")) { .text(error) } }
            Node.section(.class("card"), .aria("label", "Greetings")) {
                Node.h2 { "Greetings" }
                if greetings.isEmpty {
                    Node.p(.class("muted")) { "No greeting yet: prepare one from a holiday below." }
                } else {
                    Node.div(.class("table-scroll")) {
                        Node.table {
                            Node.thead { Node.tr { Node.th { "Holiday" }; Node.th { "For" }; Node.th { "Sent on" }; Node.th { "State" }; Node.th { "Sent" }; Node.th { "Skipped" }; Node.th { "Bounced" } } }
                            Node.tbody {
                                for greeting in greetings {
                                    Node.tr {
                                        Node.td { Node.a(.href(Site.greeting(greeting.id))) { .text("\(greeting.holiday.name), \(greeting.holiday.day)") } }
                                        Node.td { .text(audience(greeting.country)) }
                                        Node.td { .text(greeting.sendOn) }
                                        Node.td { .text(Greetings.Status(rawValue: greeting.status)?.label ?? greeting.status) }
                                        Node.td(.class("num")) { .text(String(greeting.results.sent)) }
                                        Node.td(.class("num")) { .text(String(greeting.results.skipped)) }
                                        Node.td(.class("num")) { .text(String(greeting.results.bounced)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Node.section(.class("card"), .aria("label", "Coming holidays")) {
                Node.h2 { "Coming holidays" }
                Node.form(.method("get"), .action(Site.greetings()), .class("filters")) {
                    FormField.select("calendar", label: "Calendar", options: calendars.map { ($0.code, $0.title) }, selected: chosen, includeEmpty: true)
                    Node.button(.type("submit"), .class("secondary")) { "Show" }
                }
                if holidays.isEmpty {
                    Node.p(.class("muted")) { "No holiday in the next 120 days." }
                } else {
                    Node.div(.class("table-scroll")) {
                        Node.table {
                            Node.thead { Node.tr { Node.th { "Day" }; Node.th { "Holiday" }; Node.th { "Calendar" }; Node.th { "" } } }
                            Node.tbody {
                                for holiday in holidays {
                                    Node.tr {
                                        Node.td { .text(holiday.day.description) }
                                        Node.td { .text(holiday.name) }
                                        Node.td { .text(holiday.calendar) }
                                        Node.td {
                                            if planner {
                                                Node.form(.method("post"), .action(Site.greetings())) {
                                                    context.csrfField
                                                    Node.void("input", [.type("hidden"), .name("calendar"), .value(holiday.calendar)])
                                                    Node.void("input", [.type("hidden"), .name("holidayDay"), .value(holiday.day.description)])
                                                    Node.void("input", [.type("hidden"), .name("holidayName"), .value(holiday.name)])
                                                    Node.button(.type("submit"), .class("secondary"), .aria("label", "Prepare a greeting for \(holiday.name) (\(holiday.calendar))")) {
                                                        "Prepare greeting"
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Node.section(.class("card"), .aria("label", "Holiday calendars")) {
                Node.h2 { "Holiday calendars" }
                Node.p(.class("muted")) {
                    .text("Built in: " + calendars.filter(\.builtIn).map { "\($0.title) (\($0.code))" }.joined(separator: ", ")
                          + ". Tamil Nadu's Pongal and Deepavali are built in for \(HolidayRegion.coveredYears.lowerBound)–\(HolidayRegion.coveredYears.upperBound); import later years.")
                }
                for calendar in calendars where !calendar.builtIn {
                    Node.form(.method("post"), .action(Site.holidayCalendarRemove()), .class("inline")) {
                        context.csrfField
                        Node.void("input", [.type("hidden"), .name("name"), .value(calendar.code)])
                        Node.span { .text("\(calendar.title): \(calendar.holidays ?? 0) days ") }
                        if planner { Node.button(.type("submit"), .class("secondary danger")) { "Remove" } }
                    }
                }
                if planner {
                    Node.form(.method("post"), .action(Site.holidayCalendarImport()), Attribute("enctype", "multipart/form-data"), .class("record")) {
                        context.csrfField
                        FormField.input("name", label: "Calendar name (importing it again replaces its days)", value: importName, errors: importErrors)
                        Node.div(.class("field")) {
                            Node.label(.for("file")) { "iCalendar file (.ics)" }
                            Node.void("input", [.type("file"), .id("file"), .name("file"), Attribute("accept", ".ics,text/calendar")])
                            if let problem = importErrors["file"] { Node.p(.class("error"), .id("file-error")) { .text(problem) } }
                        }
                        Node.button(.type("submit")) { "Import calendar" }
                    }
                }
            }
        }
    }

    static func audience(_ country: String?) -> String {
        country.map { "Contacts in \($0)" } ?? "Every contact"
    }

    // MARK: One greeting

    @Sendable static func show(_ request: Request) async throws -> Response {
        let greetings = Greetings(db: request.db, now: request.now)
        let greeting = try await greetings.require(try request.pathUUID("greetingID"))
        return try await page(request, greeting, form: nil, errors: [:]).response()
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let greetings = Greetings(db: request.db, now: request.now)
        let greeting = try await greetings.require(try request.pathUUID("greetingID"))
        let form = try request.content.decode([String: String].self)
        let texts = GreetingLanguage.all.filter { !(form["subject_\($0)"] ?? "").isEmpty || !(form["body_\($0)"] ?? "").isEmpty }
        let input = Greetings.Input(calendar: greeting.calendar, holidayDay: greeting.holidayDay, holidayName: greeting.holidayName,
                                    country: form["country"], everyone: form["everyone"] == "true", sendOn: form["sendOn"],
                                    fallbackLanguage: form["fallbackLanguage"],
                                    texts: texts.map { Greetings.TextInput(language: $0, subject: form["subject_\($0)"], body: form["body_\($0)"]) })
        do {
            try await greetings.save(input, greeting: greeting, actor: try request.user)
            return request.redirect(to: Site.greeting(try greeting.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity {
            // `texts[2].body` is the form's `body_<third language given>`.
            var errors = [String: String]()
            for (key, reason) in error.fields {
                if key.hasPrefix("texts["), let close = key.firstIndex(of: "]"), let index = Int(key[key.index(key.startIndex, offsetBy: 6)..<close]),
                   texts.indices.contains(index) {
                    errors[String(key[key.index(close, offsetBy: 2)...]) + "_" + texts[index]] = reason
                } else {
                    errors[key] = reason
                }
            }
            return try await page(request, try await greetings.require(try greeting.requireID()), form: form, errors: errors)
                .response(status: .unprocessableEntity)
        }
    }

    @Sendable static func schedule(_ request: Request) async throws -> Response {
        try await change(request) { greetings, greeting in try await greetings.setScheduled(greeting, true) }
    }

    @Sendable static func unschedule(_ request: Request) async throws -> Response {
        try await change(request) { greetings, greeting in try await greetings.setScheduled(greeting, false) }
    }

    @Sendable static func send(_ request: Request) async throws -> Response {
        try await change(request) { greetings, greeting in
            try await greetings.setScheduled(greeting, true, sendToday: true)
            try await JobSchedules(db: request.db).runNow(GreetingRun.kind.name, kinds: request.application.jobKinds, now: request.now)
        }
    }

    @Sendable static func remove(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let greetings = Greetings(db: request.db, now: request.now)
        try await greetings.delete(try await greetings.require(try request.pathUUID("greetingID")))
        return request.redirect(to: Site.greetings())
    }

    private static func change(_ request: Request, _ action: (Greetings, Greeting) async throws -> Void) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let greetings = Greetings(db: request.db, now: request.now)
        let greeting = try await greetings.require(try request.pathUUID("greetingID"))
        try await action(greetings, greeting)
        return request.redirect(to: Site.greeting(try greeting.requireID()))
    }

    private static func page(_ request: Request, _ greeting: Greeting, form: [String: String]?, errors: [String: String]) async throws -> Node {
        let dto = try await Greetings(db: request.db, now: request.now).dto(greeting)
        let planner = try request.user.role.canPlanProgrammes
        let after = request.query[String.self, at: "after"].flatMap(UUID.init(uuidString:))
        let preview = planner ? try await GreetingRun(db: request.db, app: request.application, now: request.now).preview(greeting, after: after, limit: 100) : nil
        let status = Greetings.Status(rawValue: dto.status) ?? .draft
        let editable = planner && (status == .draft || status == .scheduled)
        let texts = Dictionary(dto.texts.map { ($0.language ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let context = PageContext(request)
        return Layout.page("Greeting: \(dto.holiday.name)", context) {
            Node.p { Node.a(.href(Site.greetings())) { "← Holiday greetings" } }
            Node.h1 { .text("\(dto.holiday.name), \(dto.holiday.day)") }
            Node.p(.class("subtitle")) {
                .text("\(dto.holiday.calendar) · \(audience(dto.country)) · sent on \(dto.sendOn) · \(status.label)")
            }
            Node.section(.class("card"), .aria("label", "Results")) {
                Node.h2 { "Results" }
                Node.dl(.class("facts")) {
                    Node.dt { "Sent" }; Node.dd(.id("greeting-sent")) { .text(String(dto.results.sent)) }
                    Node.dt { "Skipped" }; Node.dd { .text(String(dto.results.skipped)) }
                    Node.dt { "Bounced" }; Node.dd { .text(String(dto.results.bounced)) }
                    for skipped in dto.results.skippedBy {
                        Node.dt { .text("Skipped: \(skipped.reason)") }; Node.dd { .text(String(skipped.contacts)) }
                    }
                }
                if planner {
                    Node.div(.class("actions")) {
                        if status == .draft {
                            button(context, Site.greetingSchedule(dto.id), "Schedule for \(dto.sendOn)")
                        }
                        if status == .scheduled {
                            button(context, Site.greetingUnschedule(dto.id), "Back to draft", secondary: true)
                        }
                        if status == .draft || status == .scheduled {
                            button(context, Site.greetingSend(dto.id), "Send now")
                        }
                        if dto.results.sent == 0 {
                            button(context, Site.greetingRemove(dto.id), "Remove", secondary: true)
                        }
                    }
                }
            }
            if let preview {
                Node.section(.class("card"), .aria("label", "Preview")) {
                    Node.h2 { "Preview: who gets what" }
                    if preview.items.isEmpty {
                        Node.p(.class("muted")) { "Nobody in this part of the audience." }
                    } else {
                        Node.div(.class("table-scroll")) {
                            Node.table(.id("greeting-preview")) {
                                Node.thead { Node.tr { Node.th { "Contact" }; Node.th { "Company" }; Node.th { "Language" }; Node.th { "Greeting" } } }
                                Node.tbody {
                                    for item in preview.items {
                                        Node.tr {
                                            Node.td { Node.a(.href(Site.contact(item.contact.id))) { .text(item.contact.name) } }
                                            Node.td { .text(item.company ?? "") }
                                            Node.td { .text((item.language.map(GreetingLanguage.title) ?? "") + (item.ownLanguage ? "" : " (no text in theirs)")) }
                                            Node.td {
                                                if let reason = item.skipReason {
                                                    Node.span(.class("tag warn")) { .text("Skipped: \(reason)") }
                                                } else {
                                                    Node.details {
                                                        Node.summary { .text(item.subject ?? "") }
                                                        Node.pre(.class("message")) { .text(item.body ?? "") }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if let next = preview.next {
                        Node.p { Node.a(.href(Site.greeting(dto.id) + "?after=\(next)")) { "Next contacts →" } }
                    }
                }
            }
            Node.section(.class("card"), .aria("label", "Texts")) {
                Node.h2 { "Texts" }
                Node.p(.class("muted")) {
                    .text("Placeholders: " + GreetingTemplate.placeholders.map { "{\($0)}" }.joined(separator: " ")
                          + ". {signature} is the contact's owner's signature (Settings). A language left empty is not used.")
                }
                if editable {
                    Node.form(.method("post"), .action(Site.greeting(dto.id)), .class("record")) {
                        context.csrfField
                        Node.fieldset {
                            FormField.checkbox("everyone", label: "Every contact, wherever they are", checked: (form?["everyone"] ?? (dto.country == nil ? "true" : nil)) == "true")
                            FormField.input("country", label: "Otherwise the contacts of accounts in (country code)", value: form?["country"] ?? dto.country, errors: errors)
                            FormField.input("sendOn", label: "Send on", value: form?["sendOn"] ?? dto.sendOn, type: "date", errors: errors)
                            FormField.select("fallbackLanguage", label: "For contacts whose language has no text",
                                             options: GreetingLanguage.all.map { ($0, GreetingLanguage.title($0)) }, selected: form?["fallbackLanguage"] ?? dto.fallbackLanguage,
                                             errors: errors)
                        }
                        for language in GreetingLanguage.all {
                            Node.fieldset(.lang(language)) {
                                Node.legend(GreetingLanguage.title(language))
                                FormField.input("subject_\(language)", label: "Subject", value: form?["subject_\(language)"] ?? texts[language]?.subject, errors: errors)
                                FormField.textarea("body_\(language)", label: "Text", value: form?["body_\(language)"] ?? texts[language]?.body, errors: errors, rows: 8)
                            }
                        }
                        FormField.otherErrors(errors, shown: Set(["country", "sendOn", "fallbackLanguage"] + GreetingLanguage.all.flatMap { ["subject_\($0)", "body_\($0)"] }))
                        Node.button(.type("submit")) { "Save texts" }
                    }
                } else {
                    for text in dto.texts {
                        Node.details(.lang(text.language ?? "en")) {
                            Node.summary { .text("\(GreetingLanguage.title(text.language ?? "")): \(text.subject ?? "")") }
                            Node.pre(.class("message")) { .text(text.body ?? "") }
                        }
                    }
                }
            }
        }
    }

    private static func button(_ context: PageContext, _ action: String, _ label: String, secondary: Bool = false) -> Node {
        Node.form(.method("post"), .action(action), .class("inline")) {
            context.csrfField
            Node.button(.type("submit"), .class(secondary ? "secondary" : "primary")) { .text(label) }
        }
    }
}
