import CRMCore
import Fluent
import Vapor

/// *My day*: the signed-in user's overdue, today's and coming tasks, what other areas add (stale deals, customers
/// due to reorder), reminder and calendar-feed settings; managers open a colleague's day and the team's overview.
enum MyDayPages {
    /// Whose day is asked for (`?user=`): one's own, or for managers and admins anyone's.
    static func whose(_ request: Request) async throws -> (UserRef, String) {
        let me = try request.user
        guard let asked = try request.queryUUID("user"), asked != me.id else {
            return (UserRef(id: try me.requireID(), name: me.name), me.timeZone)
        }
        guard me.role.canSeeTeamWork else { throw APIError.forbidden }
        guard let user = try await User.find(asked, on: request.db) else { throw APIError.notFound("This user") }
        return (UserRef(id: asked, name: user.name), user.timeZone)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await page(request, notice: nil, feedURL: nil).response()
    }

    @Sendable static func setReminders(_ request: Request) async throws -> Response {
        let on = (try? request.content.get(String.self, at: "emailReminders")) == "true"
        try await TaskPreferences(db: request.db).setEmailReminders(on, for: try request.user.requireID())
        return try await page(request, notice: on ? "Reminders will also come by email." : "Reminders by email are off.", feedURL: nil).response()
    }

    @Sendable static func newFeed(_ request: Request) async throws -> Response {
        let token = try await TaskPreferences(db: request.db).newFeedToken(for: try request.user.requireID(), now: request.now)
        return try await page(request, notice: "Your calendar address is below. Copy it now: it is shown only this once. Any earlier address stops working.",
                              feedURL: baseURL(request) + Site.calendarFeed(token)).response()
    }

    @Sendable static func revokeFeed(_ request: Request) async throws -> Response {
        try await TaskPreferences(db: request.db).revokeFeed(of: try request.user.requireID())
        return try await page(request, notice: "Your calendar address no longer works.", feedURL: nil).response()
    }

    /// The feed itself: the secret in the path is the only credential, as calendar programs send no sign-in.
    @Sendable static func feed(_ request: Request) async throws -> Response {
        let token = (request.parameters.get("token") ?? "").replacingOccurrences(of: ".ics", with: "")
        guard let userID = try await TaskPreferences(db: request.db).feedOwner(token: token),
              let user = try await User.find(userID, on: request.db), !user.isDisabled else { throw APIError.notFound("This calendar") }
        let calendar = try await TaskCalendarFeed.calendar(for: userID, name: user.name, baseURL: baseURL(request), now: request.now, on: request.db)
        let response = Response(status: .ok, body: .init(string: calendar.render(stamp: request.now)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return response
    }

    @Sendable static func team(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canSeeTeamWork)
        let rows = try await MyDay.team(now: request.now, on: request.db)
        let context = PageContext(request)
        return try Layout.page("Team's tasks", context) {
            Node.h1 { "Team's tasks" }
            Node.table(.class("list")) {
                Node.thead { Node.tr { Node.th { "Person" }; Node.th(.class("number")) { "Open" }; Node.th(.class("number")) { "Overdue" } } }
                Node.tbody {
                    for row in rows {
                        Node.tr {
                            Node.td { Node.a(.href(QueryString.link(Site.myDay(), ["user": row.user.id.uuidString]))) { .text(row.user.name) } }
                            Node.td(.class("number")) { .text(String(row.open)) }
                            Node.td(.class("number")) { if row.overdue > 0 { Node.span(.class("tag warn")) { .text(String(row.overdue)) } } else { "0" } }
                        }
                    }
                }
            }
        }.response()
    }

    private static func page(_ request: Request, notice: String?, feedURL: String?) async throws -> Node {
        let (user, zone) = try await whose(request)
        let me = try request.user
        let own = user.id == me.id
        async let dayRead = MyDay.load(for: user, timeZone: zone, now: request.now, on: request.db)
        async let sectionsRead = request.application.contributions.myDaySections(of: user.id, request)
        let settings = own ? try await TaskPreferences(db: request.db).settings(of: user.id) : TaskPreferences.Settings()
        let (day, sections) = try await (dayRead, sectionsRead)
        let context = PageContext(request, notice: notice)
        let title = own ? "My day" : "\(user.name)'s day"
        return Layout.page(title, context) {
            Node.div(.class("title-row")) {
                Node.h1 { .text(title) }
                Node.div(.class("actions")) {
                    if me.role.canSeeTeamWork { Node.a(.href(Site.myDayTeam()), .class("button secondary")) { "Team" } }
                    Node.a(.href(Site.taskNew()), .class("button")) { "New task" }
                }
            }
            Node.p(.class("subtitle")) { .text("\(day.today), \(zone)") }
            Node.div(.class("grid")) {
                bucket("Overdue", day.overdue, count: day.counts.overdue, empty: "Nothing overdue.", warn: true)
                bucket("Today", day.dueToday, count: day.counts.today, empty: "Nothing else due today.", warn: false)
                bucket("Coming week", day.upcoming, count: day.counts.upcoming, empty: "Nothing due in the next seven days.", warn: false)
            }
            Node.div(.class("grid")) { sections }
            if own {
                Node.section(.class("card"), .aria("label", "Reminders and calendar")) {
                    Node.h2 { "Reminders and calendar" }
                    Node.form(.method("post"), .action(Site.myDayReminders())) {
                        context.csrfField
                        FormField.checkbox("emailReminders", label: "Also email me when a task falls due", checked: settings.emailReminders)
                        Node.button(.type("submit"), .class("secondary")) { "Save" }
                    }
                    Node.p(.class("muted")) { "Subscribe to your tasks in Outlook, Google Calendar or Thunderbird with a private address." }
                    if let feedURL { Node.p { Node.code { .text(feedURL) } } }
                    Node.div(.class("actions")) {
                        Node.form(.method("post"), .action(Site.myDayFeed())) {
                            context.csrfField
                            Node.button(.type("submit"), .class("secondary")) { .text(settings.hasFeed ? "New calendar address" : "Make a calendar address") }
                        }
                        if settings.hasFeed {
                            Node.form(.method("post"), .action(Site.myDayFeedRevoke())) {
                                context.csrfField
                                Node.button(.type("submit"), .class("secondary")) { "Stop the calendar address" }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func bucket(_ title: String, _ tasks: [TaskDTO], count: Int, empty: String, warn: Bool) -> Node {
        Node.section(.class("card"), .aria("label", title)) {
            Node.h2 {
                Node.text(title + " ")
                Node.span(.class(warn && count > 0 ? "tag warn" : "tag")) { .text(String(count)) }
            }
            if tasks.isEmpty { Node.p(.class("muted")) { .text(empty) } }
            Node.ul(.class("results")) { for task in tasks { TaskText.line(task) } }
            if count > tasks.count { Node.p(.class("muted")) { .text("and \(count - tasks.count) more") } }
        }
    }

    /// The address people reach this server at, for links that leave the browser (the calendar feed).
    static func baseURL(_ request: Request) -> String {
        let host = request.headers.first(name: .host) ?? "localhost:8080"
        return (request.application.config.secureCookies ? "https://" : "http://") + host
    }
}
