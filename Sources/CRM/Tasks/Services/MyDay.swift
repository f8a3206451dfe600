import CRMCore
import Fluent
import SQLKit
import Vapor

/// One person's day: their overdue tasks, today's and the coming week's, counted in full and listed up to a limit,
/// as they see it in their own time zone.
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
    /// Tasks listed per bucket; the counts say how many more there are.
    static let listed = 20

    static let schema = JSONSchema.object([
        ("user", UserRef.schema), ("timeZone", .string()), ("today", .string(format: "date")),
        ("overdue", .array(.ref("Task"))), ("dueToday", .array(.ref("Task"))), ("upcoming", .array(.ref("Task"))),
        ("counts", .object([("overdue", .integer()), ("today", .integer()), ("upcoming", .integer())], required: ["overdue", "today", "upcoming"])),
    ], required: ["user", "timeZone", "today", "overdue", "dueToday", "upcoming", "counts"])

    /// The three buckets as SQL conditions on one person's open tasks, bounded by the instants of `TaskDue.Bounds`, so
    /// each is a range of the index on `(assignee_id, status, due_at)` (`TaskDue.bucket` is the same rule in Swift).
    private struct Buckets {
        let bounds: TaskDue.Bounds
        let open: SQLQueryString
        let overdue: SQLQueryString
        let today: SQLQueryString
        let upcoming: SQLQueryString

        init(userID: UUID, timeZone zoneName: String, now: Date) {
            bounds = TaskDue.Bounds(now: now, in: TimeZone(identifier: zoneName) ?? .gmt, days: MyDay.upcomingDays)
            open = "assignee_id = \(bind: userID) AND status = 'open'"
            overdue = "due_at < \(bind: now) AND (due_at < \(bind: bounds.startOfToday) OR due_time IS NOT NULL)"
            today = """
                due_at >= \(bind: bounds.startOfToday) AND due_at < \(bind: bounds.startOfTomorrow) AND (due_time IS NULL OR due_at >= \(bind: now))
                """
            upcoming = "due_at >= \(bind: bounds.startOfTomorrow) AND due_at < \(bind: bounds.endOfWeek)"
        }

        /// One statement; the count before today reads the index alone.
        func counts(on db: any Database) async throws -> Counts {
            let row = try await db.sql.raw("""
                SELECT (SELECT COUNT(*) FROM tasks WHERE \(open) AND due_at < \(bind: bounds.startOfToday)) AS before_today,
                       (SELECT COUNT(*) FROM tasks WHERE \(open) AND \(overdue) AND due_at >= \(bind: bounds.startOfToday)) AS overdue_today,
                       (SELECT COUNT(*) FROM tasks WHERE \(open) AND \(today)) AS today,
                       (SELECT COUNT(*) FROM tasks WHERE \(open) AND \(upcoming)) AS upcoming
                """).first()
            func count(_ column: String) throws -> Int { try row?.decode(column: column, as: Int.self) ?? 0 }
            return Counts(overdue: try count("before_today") + count("overdue_today"), today: try count("today"), upcoming: try count("upcoming"))
        }
    }

    /// How many tasks are in each bucket, without listing them (the home page's tile).
    static func counts(for userID: UUID, timeZone: String, now: Date, on db: any Database) async throws -> Counts {
        try await Buckets(userID: userID, timeZone: timeZone, now: now).counts(on: db)
    }

    /// One person's day in two statements for the tasks, run side by side (the counts, and the listed rows of the
    /// three buckets in one `UNION ALL`), then the names they show.
    static func load(for user: UserRef, timeZone zoneName: String, now: Date, on db: any Database) async throws -> MyDay {
        let buckets = Buckets(userID: user.id, timeZone: zoneName, now: now)
        async let countsRead = buckets.counts(on: db)
        let columns = SQLQueryString(TaskRows.columns.map { "\"\($0)\"" }.joined(separator: ", "))
        func firstRows(_ condition: SQLQueryString) -> SQLQueryString {
            "SELECT * FROM (SELECT \(columns) FROM tasks WHERE \(buckets.open) AND \(condition) ORDER BY due_at LIMIT \(literal: listed)) b"
        }
        async let tasksRead = TaskRows.dtos(raw: "\(firstRows(buckets.overdue)) UNION ALL \(firstRows(buckets.today)) UNION ALL \(firstRows(buckets.upcoming))",
                                            on: db)
        let (counts, tasks) = try await (countsRead, tasksRead)
        var lists: [TaskDue.Bucket: [TaskDTO]] = [:]
        for task in tasks.sorted(by: { ($0.dueAt, $0.id.uuidString) < ($1.dueAt, $1.id.uuidString) }) {
            lists[TaskDue.bucket(dueAt: task.dueAt, allDay: task.dueTime == nil, now: now, bounds: buckets.bounds), default: []].append(task)
        }
        let zone = TimeZone(identifier: zoneName) ?? .gmt
        return MyDay(user: user, timeZone: zone.identifier, today: buckets.bounds.today.description, overdue: lists[.overdue] ?? [],
                     dueToday: lists[.today] ?? [], upcoming: lists[.upcoming] ?? [], counts: counts)
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
