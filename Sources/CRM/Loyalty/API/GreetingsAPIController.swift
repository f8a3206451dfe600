import CRMCore
import Fluent
import Vapor

/// `/holiday-calendars`, `/holidays` and `/greetings`: read by everyone; managers and admins import calendars and
/// prepare, schedule and send greetings.
enum GreetingsAPIController {
    @Sendable static func calendars(_ request: Request) async throws -> [HolidayBook.Calendar] {
        try await HolidayBook(db: request.db).calendars()
    }

    /// `?from=&to=` (default: the coming year) and `?calendar=`.
    @Sendable static func holidays(_ request: Request) async throws -> [HolidayBook.HolidayDTO] {
        let (from, to) = try period(request)
        return try await HolidayBook(db: request.db).holidays(from: from, through: to, calendar: request.query[String.self, at: "calendar"])
            .map(HolidayBook.HolidayDTO.init)
    }

    static func period(_ request: Request) throws -> (CalendarDate, CalendarDate) {
        var fields = FieldCheck()
        let today = RevisitPlans.today(request)
        let from = fields.date(request.query[String.self, at: "from"], "from").flatMap(CalendarDate.init) ?? today
        let to = fields.date(request.query[String.self, at: "to"], "to").flatMap(CalendarDate.init) ?? from.adding(days: 365)
        if to < from { fields.fail("to", "must not be before from") }
        if from.days(until: to) > 3_660 { fields.fail("to", "must be within ten years of from") }
        try fields.throwIfFailed()
        return (from, to)
    }

    /// The body is the `.ics` file itself; the calendar's days are replaced by the file's.
    @Sendable static func importCalendar(_ request: Request) async throws -> HolidayBook.Calendar {
        try RevisitPlans.requirePlanner(request)
        guard let text = request.body.string else { throw APIError.badRequest("Send the iCalendar file as the request body.") }
        let name = request.parameters.get("calendar") ?? ""
        let book = HolidayBook(db: request.db)
        _ = try await book.importCalendar(name: name, file: text, now: request.now)
        guard let calendar = try await book.calendars().first(where: { $0.code == name }) else { throw APIError.notFound("This calendar") }
        return calendar
    }

    @Sendable static func deleteCalendar(_ request: Request) async throws -> HTTPStatus {
        try RevisitPlans.requirePlanner(request)
        try await HolidayBook(db: request.db).deleteCalendar(request.parameters.get("calendar") ?? "")
        return .noContent
    }

    @Sendable static func list(_ request: Request) async throws -> [Greetings.DTO] {
        try await Greetings(db: request.db, now: request.now).all()
    }

    @Sendable static func show(_ request: Request) async throws -> Greetings.DTO {
        let greetings = Greetings(db: request.db, now: request.now)
        return try await greetings.dto(try await greetings.require(try request.pathUUID("greetingID")))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        try RevisitPlans.requirePlanner(request)
        let greetings = Greetings(db: request.db, now: request.now)
        let greeting = try await greetings.save(try request.decodeStrict(Greetings.Input.self), actor: try request.user)
        return try await greetings.dto(greeting).encodeResponse(status: .created, for: request)
    }

    @Sendable static func update(_ request: Request) async throws -> Greetings.DTO {
        try RevisitPlans.requirePlanner(request)
        let greetings = Greetings(db: request.db, now: request.now)
        let greeting = try await greetings.require(try request.pathUUID("greetingID"))
        return try await greetings.dto(try await greetings.save(try request.decodeStrict(Greetings.Input.self), greeting: greeting, actor: try request.user))
    }

    @Sendable static func delete(_ request: Request) async throws -> HTTPStatus {
        try RevisitPlans.requirePlanner(request)
        let greetings = Greetings(db: request.db, now: request.now)
        try await greetings.delete(try await greetings.require(try request.pathUUID("greetingID")))
        return .noContent
    }

    /// `?after=<contact id>&limit=` (1–500, default 100).
    @Sendable static func preview(_ request: Request) async throws -> GreetingRun.Preview {
        try RevisitPlans.requirePlanner(request)
        let greeting = try await Greetings(db: request.db, now: request.now).require(try request.pathUUID("greetingID"))
        var fields = FieldCheck()
        let limit = request.query[Int.self, at: "limit"] ?? 100
        if !(1...500).contains(limit) { fields.fail("limit", "must be 1 to 500") }
        let after = request.query[String.self, at: "after"]
        if let after, UUID(uuidString: after) == nil { fields.fail("after", "must be a contact id") }
        try fields.throwIfFailed()
        return try await GreetingRun(db: request.db, app: request.application, now: request.now)
            .preview(greeting, after: after.flatMap(UUID.init(uuidString:)), limit: limit)
    }

    @Sendable static func schedule(_ request: Request) async throws -> Greetings.DTO {
        try await changeSchedule(request, scheduled: true)
    }

    @Sendable static func unschedule(_ request: Request) async throws -> Greetings.DTO {
        try await changeSchedule(request, scheduled: false)
    }

    /// Schedules the greeting for today and starts the job at once.
    @Sendable static func sendNow(_ request: Request) async throws -> Response {
        try await changeSchedule(request, scheduled: true, sendToday: true).encodeResponse(status: .accepted, for: request)
    }

    private static func changeSchedule(_ request: Request, scheduled: Bool, sendToday: Bool = false) async throws -> Greetings.DTO {
        try RevisitPlans.requirePlanner(request)
        let greetings = Greetings(db: request.db, now: request.now)
        let greeting = try await greetings.require(try request.pathUUID("greetingID"))
        try await greetings.setScheduled(greeting, scheduled, sendToday: sendToday)
        if sendToday { try await JobSchedules(db: request.db).runNow(GreetingRun.kind.name, kinds: request.application.jobKinds, now: request.now) }
        return try await greetings.dto(greeting)
    }

    static var operations: [APIOperation] {
        let greeting = APIOperation.pathParameter("greetingID", "The greeting's id")
        let calendar = APIOperation.Parameter(name: "calendar", location: .path, schema: .string(), description: "An imported calendar's name")
        return [
            .init(method: .GET, path: "/holiday-calendars", summary: "The holiday calendars: built-in regions and imported ones", tag: "Loyalty",
                  response: .array(.ref("HolidayCalendar")), errors: [401]),
            .init(method: .PUT, path: "/holiday-calendars/{calendar}", summary: "Import a calendar from an iCalendar (.ics) file sent as the body (managers); replaces its days",
                  tag: "Loyalty", parameters: [calendar], requestBody: .string(description: "The iCalendar file"), requestContentType: "text/calendar",
                  response: .ref("HolidayCalendar"), errors: [400, 401, 403, 422]),
            .init(method: .DELETE, path: "/holiday-calendars/{calendar}", summary: "Remove an imported calendar (managers)", tag: "Loyalty",
                  parameters: [calendar], successStatus: 204, errors: [401, 403, 404]),
            .init(method: .GET, path: "/holidays", summary: "Holidays between two days, of one calendar or all", tag: "Loyalty",
                  parameters: [APIOperation.query("from", .string(format: "date"), "Default today"), APIOperation.query("to", .string(format: "date"), "Default a year on"),
                               APIOperation.query("calendar", .string(), "LT, ZA, CN, TW, ES, IN-TN or an imported calendar")],
                  response: .array(.ref("Holiday")), errors: [401, 422]),
            .init(method: .GET, path: "/greetings", summary: "Holiday greetings with what they did", tag: "Loyalty", response: .array(.ref("Greeting")), errors: [401]),
            .init(method: .POST, path: "/greetings", summary: "Prepare a greeting for a holiday (managers): a draft with the standard text in every language",
                  tag: "Loyalty", requestBody: .ref("GreetingInput"), successStatus: 201, response: .ref("Greeting"), errors: [400, 401, 403, 422]),
            .init(method: .GET, path: "/greetings/{greetingID}", summary: "One greeting", tag: "Loyalty", parameters: [greeting],
                  response: .ref("Greeting"), errors: [400, 401, 404]),
            .init(method: .PUT, path: "/greetings/{greetingID}", summary: "Change a greeting not yet sent (managers)", tag: "Loyalty", parameters: [greeting],
                  requestBody: .ref("GreetingInput"), response: .ref("Greeting"), errors: [400, 401, 403, 404, 409, 422]),
            .init(method: .DELETE, path: "/greetings/{greetingID}", summary: "Remove a greeting that sent nothing (managers)", tag: "Loyalty",
                  parameters: [greeting], successStatus: 204, errors: [400, 401, 403, 404, 409]),
            .init(method: .GET, path: "/greetings/{greetingID}/preview", summary: "Who gets what, and who is skipped and why, a page of contacts at a time (managers)",
                  tag: "Loyalty", parameters: [greeting, APIOperation.query("after", .uuid, "The `next` of the previous page"), APIOperation.query("limit", .integer(description: "1–500, default 100"), "Contacts per page")],
                  response: .ref("GreetingPreview"), errors: [400, 401, 403, 404, 422]),
            .init(method: .POST, path: "/greetings/{greetingID}/schedule", summary: "Schedule a greeting: the loyalty.greetings job sends it on its day (managers)",
                  tag: "Loyalty", parameters: [greeting], response: .ref("Greeting"), errors: [400, 401, 403, 404, 409]),
            .init(method: .POST, path: "/greetings/{greetingID}/unschedule", summary: "Take a scheduled greeting back to draft (managers)",
                  tag: "Loyalty", parameters: [greeting], response: .ref("Greeting"), errors: [400, 401, 403, 404, 409]),
            .init(method: .POST, path: "/greetings/{greetingID}/send", summary: "Send a greeting now: scheduled for today and the job started (managers)",
                  tag: "Loyalty", parameters: [greeting], successStatus: 202, response: .ref("Greeting"), errors: [400, 401, 403, 404, 409]),
        ]
    }
}
