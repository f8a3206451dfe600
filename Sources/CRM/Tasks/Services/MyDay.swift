import CRMCore
import Fluent
import SQLKit
import Vapor

/// One person's day: their overdue tasks, today's and the coming week's, counted in full and listed up to a limit,
/// as they see it in their own time zone. Two statements for the tasks (counts, rows) plus the names they show.
struct MyDay: Content {
    let user: UserRef
    let timeZone: String
    let today: String
    let overdue: [TaskDTO]
    let dueToday: [TaskDTO]
    let upcoming: [TaskDTO]
    let counts: Counts

    struct Counts: Content, Equatable {
        let overdue: Int
        let today: Int
        let upcoming: Int
    }

    static let upcomingDays = 7
    static let listed = 50

    static let schema = JSONSchema.object([
        ("user", UserRef.schema), ("timeZone", .string()), ("today", .string(format: "date")),
        ("overdue", .array(.ref("Task"))), ("dueToday", .array(.ref("Task"))), ("upcoming", .array(.ref("Task"))),
        ("counts", .object([("overdue", .integer()), ("today", .integer()), ("upcoming", .integer())], required: ["overdue", "today", "upcoming"])),
    ], required: ["user", "timeZone", "today", "overdue", "dueToday", "upcoming", "counts"])

    /// The conditions of each bucket, with the day's bounds in the person's zone (`TaskDue.bucket` in SQL).
    private struct Bounds {
        let userID: UUID
        let now: Date
        let today: String
        let lastUpcoming: String
        let endOfToday: Date

        var open: SQLQueryString { "assignee_id = \(bind: userID) AND status = 'open'" }
        var overdue: SQLQueryString {
            "due_at < \(bind: endOfToday) AND (due_on < \(bind: today) OR (due_time IS NOT NULL AND due_at < \(bind: now)))"
        }
        var today_: SQLQueryString { "due_on = \(bind: today) AND (due_time IS NULL OR due_at >= \(bind: now))" }
        var upcoming: SQLQueryString { "due_on > \(bind: today) AND due_on <= \(bind: lastUpcoming)" }
    }

    static func load(for user: UserRef, timeZone zoneName: String, now: Date, on db: any Database) async throws -> MyDay {
        let zone = TimeZone(identifier: zoneName) ?? .gmt
        let today = TaskDue.day(of: now, in: zone)
        let bounds = Bounds(userID: user.id, now: now, today: today.description, lastUpcoming: today.adding(days: upcomingDays).description,
                            endOfToday: TaskDue.startOfDay(today.adding(days: 1), in: zone))
        let countRow = try await db.sql.raw("""
            SELECT CAST(COALESCE(SUM(CASE WHEN \(bounds.overdue) THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue,
                   CAST(COALESCE(SUM(CASE WHEN \(bounds.today_) THEN 1 ELSE 0 END), 0) AS BIGINT) AS today,
                   CAST(COALESCE(SUM(CASE WHEN \(bounds.upcoming) THEN 1 ELSE 0 END), 0) AS BIGINT) AS upcoming
            FROM tasks WHERE \(bounds.open) AND due_on <= \(bind: bounds.lastUpcoming)
            """).first()
        let counts = Counts(overdue: try countRow?.decode(column: "overdue", as: Int.self) ?? 0,
                            today: try countRow?.decode(column: "today", as: Int.self) ?? 0,
                            upcoming: try countRow?.decode(column: "upcoming", as: Int.self) ?? 0)
        let columns = SQLQueryString(TaskRows.columns.map { "\"\($0)\"" }.joined(separator: ", "))
        func bucket(_ condition: SQLQueryString) -> SQLQueryString {
            "SELECT * FROM (SELECT \(columns) FROM tasks WHERE \(bounds.open) AND \(condition) ORDER BY due_at LIMIT \(literal: listed)) b"
        }
        let tasks = try await TaskRows.dtos(raw: "\(bucket(bounds.overdue)) UNION ALL \(bucket(bounds.today_)) UNION ALL \(bucket(bounds.upcoming))", on: db)
        var overdue: [TaskDTO] = [], dueToday: [TaskDTO] = [], upcoming: [TaskDTO] = []
        for task in tasks {
            let day = CalendarDate(task.dueOn) ?? today
            switch TaskDue.bucket(dueAt: task.dueAt, allDay: task.dueTime == nil, day: day, now: now, in: zone) {
            case .overdue: overdue.append(task)
            case .today: dueToday.append(task)
            case .upcoming: upcoming.append(task)
            }
        }
        return MyDay(user: user, timeZone: zone.identifier, today: today.description, overdue: overdue, dueToday: dueToday, upcoming: upcoming, counts: counts)
    }

    /// Each active user's overdue and today counts, for a manager's team view: one statement.
    struct TeamRow: Content {
        let user: UserRef
        let open: Int
        let overdue: Int
    }

    static func team(now: Date, on db: any Database) async throws -> [TeamRow] {
        let users = try await UserDirectory.activeUsers(on: db)
        // Overdue by the instant: close enough for the overview, where the zone of each person is not at hand.
        let rows = try await db.sql.raw("""
            SELECT assignee_id, COUNT(*) AS open, CAST(COALESCE(SUM(CASE WHEN due_at < \(bind: now) THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue
            FROM tasks WHERE status = 'open' GROUP BY assignee_id
            """).all()
        var counts: [UUID: (Int, Int)] = [:]
        for row in rows {
            counts[try row.decode(column: "assignee_id", as: UUID.self)] = (try row.decode(column: "open", as: Int.self), try row.decode(column: "overdue", as: Int.self))
        }
        return users.map { TeamRow(user: $0, open: counts[$0.id]?.0 ?? 0, overdue: counts[$0.id]?.1 ?? 0) }
    }
}
