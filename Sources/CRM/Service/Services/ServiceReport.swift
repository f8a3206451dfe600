import CRMCore
import Fluent
import SQLKit
import Vapor

/// How the service desk performs over a period of months (cases opened in it): SLA compliance and median first
/// response and resolution times (working minutes) by month, priority, tier and department; the open backlog by age;
/// satisfaction by month; complaints by product. Everything is aggregated in SQL, medians with window functions.
struct ServiceReport: Content {
    struct Group: Content, Equatable {
        let key: String
        let opened: Int
        let resolved: Int
        /// Cases whose first response (resolution) was given, and of them those within the target.
        let firstResponses: Int
        let firstResponsesOnTime: Int
        let resolutions: Int
        let resolutionsOnTime: Int
        let medianFirstResponseMinutes: Int?
        let medianResolutionMinutes: Int?

        /// Whole percent of measured targets met, nil when none was measured.
        var firstResponseCompliance: Int? { firstResponses == 0 ? nil : firstResponsesOnTime * 100 / firstResponses }
        var resolutionCompliance: Int? { resolutions == 0 ? nil : resolutionsOnTime * 100 / resolutions }
    }

    struct AgeBucket: Content, Equatable {
        let label: String
        let cases: Int
    }

    struct Satisfaction: Content, Equatable {
        let month: String
        let answers: Int
        /// Tenths of a point (43 = 4.3).
        let averageTenths: Int?
    }

    struct ProductComplaints: Content, Equatable {
        let product: RecordRef?
        let complaints: Int
    }

    let from: String
    let to: String
    let byMonth: [Group]
    let byPriority: [Group]
    let byTier: [Group]
    let byDepartment: [Group]
    let backlog: [AgeBucket]
    let satisfaction: [Satisfaction]
    let complaintsByProduct: [ProductComplaints]

    static let groupSchema = JSONSchema.object([
        ("key", .string()), ("opened", .integer()), ("resolved", .integer()), ("firstResponses", .integer()), ("firstResponsesOnTime", .integer()),
        ("resolutions", .integer()), ("resolutionsOnTime", .integer()), ("medianFirstResponseMinutes", .nullable(.integer())),
        ("medianResolutionMinutes", .nullable(.integer())),
    ], required: ["key", "opened", "resolved", "firstResponses", "firstResponsesOnTime", "resolutions", "resolutionsOnTime"])
    static let schema = JSONSchema.object([
        ("from", .string()), ("to", .string()), ("byMonth", .array(groupSchema)), ("byPriority", .array(groupSchema)), ("byTier", .array(groupSchema)),
        ("byDepartment", .array(groupSchema)),
        ("backlog", .array(.object([("label", .string()), ("cases", .integer())], required: ["label", "cases"]))),
        ("satisfaction", .array(.object([("month", .string()), ("answers", .integer()), ("averageTenths", .nullable(.integer()))], required: ["month", "answers"]))),
        ("complaintsByProduct", .array(.object([("product", .nullable(RecordRef.schema)), ("complaints", .integer())], required: ["complaints"]))),
    ], required: ["from", "to", "byMonth", "byPriority", "byTier", "byDepartment", "backlog", "satisfaction", "complaintsByProduct"])

    /// `from` and `to` are months `YYYY-MM` (UTC); by default the twelve months up to this one.
    static func load(from: String?, to: String?, now: Date, on db: any Database) async throws -> ServiceReport {
        let today = CalendarDate.today(at: now)
        var errors: [String: String] = [:]
        let askedTo = to.map { CalendarDate.monthKey(parsing: $0) } ?? today.monthKey
        let askedFrom = from.map { CalendarDate.monthKey(parsing: $0) } ?? CalendarDate("\(today.monthKey)-01")!.adding(days: -320).monthKey
        // Months from 1900 to 9998, so the month after the last still has a four-digit year.
        func valid(_ month: String?) -> String? { month.flatMap { ("1900-01"..."9998-12").contains($0) ? $0 : nil } }
        let (fromMonth, toMonth) = (valid(askedFrom), valid(askedTo))
        if toMonth == nil { errors["to"] = "must be a month written YYYY-MM, from 1900-01 to 9998-12" }
        if fromMonth == nil { errors["from"] = "must be a month written YYYY-MM, from 1900-01 to 9998-12" }
        guard let fromMonth, let toMonth else { throw APIError.badRequest("A parameter is not valid.", fields: errors) }
        guard fromMonth <= toMonth else { throw APIError.badRequest("A parameter is not valid.", fields: ["from": "must not be after to"]) }
        let start = TaskDue.startOfDay(CalendarDate(fromMonth + "-01")!, in: .gmt)
        let monthAfter = CalendarDate(CalendarDate(toMonth + "-01")!.adding(days: 31).monthKey + "-01")!
        let end = TaskDue.startOfDay(monthAfter, in: .gmt)
        let sql = db.sql
        let postgres = sql.dialect.name == "postgresql"
        let month: SQLQueryString = postgres ? "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM')" : "strftime('%Y-%m', created_at, 'unixepoch')"
        let period: SQLQueryString = "created_at >= \(bind: start) AND created_at < \(bind: end)"

        func groups(_ key: SQLQueryString) async throws -> [Group] {
            let rows = try await sql.raw("""
                SELECT \(key) AS k, COUNT(*) AS opened,
                  CAST(SUM(CASE WHEN resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS resolved,
                  CAST(SUM(CASE WHEN first_response_met_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS fr,
                  CAST(SUM(CASE WHEN first_response_met_at IS NOT NULL AND first_response_used <= first_response_target THEN 1 ELSE 0 END) AS BIGINT) AS fr_ok,
                  CAST(SUM(CASE WHEN resolution_met_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS res,
                  CAST(SUM(CASE WHEN resolution_met_at IS NOT NULL AND resolution_used <= resolution_target THEN 1 ELSE 0 END) AS BIGINT) AS res_ok
                FROM cases WHERE \(period) GROUP BY \(key) ORDER BY 1
                """).all()
            let firstMedians = try await medians(key, value: "first_response_used", met: "first_response_met_at")
            let resolutionMedians = try await medians(key, value: "resolution_used", met: "resolution_met_at")
            return try rows.map { row in
                let key = try row.decode(column: "k", as: String?.self) ?? "—"
                return Group(key: key, opened: try row.decode(column: "opened", as: Int.self), resolved: try row.decode(column: "resolved", as: Int.self),
                             firstResponses: try row.decode(column: "fr", as: Int.self), firstResponsesOnTime: try row.decode(column: "fr_ok", as: Int.self),
                             resolutions: try row.decode(column: "res", as: Int.self), resolutionsOnTime: try row.decode(column: "res_ok", as: Int.self),
                             medianFirstResponseMinutes: firstMedians[key], medianResolutionMinutes: resolutionMedians[key])
            }
        }

        /// The median working minutes per group, of the cases whose target was met: the middle row (or the mean of
        /// the two middle rows) found by numbering each group's values.
        func medians(_ key: SQLQueryString, value: SQLQueryString, met: SQLQueryString) async throws -> [String: Int] {
            let rows = try await sql.raw("""
                SELECT k, CAST(SUM(v) AS BIGINT) AS total, COUNT(*) AS n FROM (
                  SELECT k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) AS rn, COUNT(*) OVER (PARTITION BY k) AS c
                  FROM (SELECT \(key) AS k, \(value) AS v FROM cases WHERE \(period) AND \(met) IS NOT NULL) m
                ) numbered WHERE rn IN ((c + 1) / 2, (c + 2) / 2) GROUP BY k
                """).all()
            var medians: [String: Int] = [:]
            for row in rows {
                let total = try row.decode(column: "total", as: Int.self), count = max(1, try row.decode(column: "n", as: Int.self))
                medians[try row.decode(column: "k", as: String?.self) ?? "—"] = total / count / 60
            }
            return medians
        }

        let byMonth = try await groups(month)
        let byPriority = try await groups("priority")
        let byTier = try await groups("COALESCE(tier, '—')")
        var byDepartment = try await groups("department_id")
        let names = try await Departments(db: db).names()
        byDepartment = byDepartment.map { group in
            Group(key: UUID(uuidString: group.key).flatMap { names[$0] } ?? group.key, opened: group.opened, resolved: group.resolved,
                  firstResponses: group.firstResponses, firstResponsesOnTime: group.firstResponsesOnTime, resolutions: group.resolutions,
                  resolutionsOnTime: group.resolutionsOnTime, medianFirstResponseMinutes: group.medianFirstResponseMinutes,
                  medianResolutionMinutes: group.medianResolutionMinutes)
        }.sorted { $0.key < $1.key }

        // The backlog now, whatever the period: active cases by how long they have been open.
        let ages: [(String, TimeInterval)] = [("under a day", 86_400), ("1–3 days", 3 * 86_400), ("3–7 days", 7 * 86_400), ("1–4 weeks", 28 * 86_400)]
        let backlogRow = try await sql.raw("""
            SELECT CAST(SUM(CASE WHEN created_at > \(bind: now.addingTimeInterval(-ages[0].1)) THEN 1 ELSE 0 END) AS BIGINT) AS a0,
                   CAST(SUM(CASE WHEN created_at <= \(bind: now.addingTimeInterval(-ages[0].1)) AND created_at > \(bind: now.addingTimeInterval(-ages[1].1)) THEN 1 ELSE 0 END) AS BIGINT) AS a1,
                   CAST(SUM(CASE WHEN created_at <= \(bind: now.addingTimeInterval(-ages[1].1)) AND created_at > \(bind: now.addingTimeInterval(-ages[2].1)) THEN 1 ELSE 0 END) AS BIGINT) AS a2,
                   CAST(SUM(CASE WHEN created_at <= \(bind: now.addingTimeInterval(-ages[2].1)) AND created_at > \(bind: now.addingTimeInterval(-ages[3].1)) THEN 1 ELSE 0 END) AS BIGINT) AS a3,
                   CAST(SUM(CASE WHEN created_at <= \(bind: now.addingTimeInterval(-ages[3].1)) THEN 1 ELSE 0 END) AS BIGINT) AS a4
            FROM cases WHERE active = \(bind: true)
            """).first()
        let backlog = try (ages.map(\.0) + ["over 4 weeks"]).enumerated().map { index, label in
            AgeBucket(label: label, cases: try backlogRow?.decode(column: "a\(index)", as: Int?.self) ?? 0)
        }

        let answeredMonth: SQLQueryString = postgres ? "to_char(answered_at AT TIME ZONE 'UTC', 'YYYY-MM')" : "strftime('%Y-%m', answered_at, 'unixepoch')"
        let satisfaction = try await sql.raw("""
            SELECT \(answeredMonth) AS m, COUNT(*) AS answers, CAST(SUM(overall) AS BIGINT) AS total FROM case_surveys
            WHERE answered_at >= \(bind: start) AND answered_at < \(bind: end) GROUP BY \(answeredMonth) ORDER BY 1
            """).all().map { row in
            let answers = try row.decode(column: "answers", as: Int.self), total = try row.decode(column: "total", as: Int.self)
            return Satisfaction(month: try row.decode(column: "m", as: String.self), answers: answers,
                                averageTenths: answers == 0 ? nil : (total * 10 + answers / 2) / answers)
        }

        let complaintRows = try await sql.raw("""
            SELECT product_id, COUNT(*) AS n FROM cases WHERE \(period) AND kind = \(bind: CaseKind.complaint.rawValue)
            GROUP BY product_id ORDER BY 2 DESC LIMIT 20
            """).all()
        let counted = try complaintRows.map { (try $0.decode(column: "product_id", as: UUID?.self), try $0.decode(column: "n", as: Int.self)) }
        let products = Dictionary(try await SalesDirectory(db: db).products(Set(counted.compactMap(\.0))).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let complaints = counted.map { id, count in ProductComplaints(product: id.map { RecordRef(id: $0, name: products[$0] ?? "") }, complaints: count) }
            .sorted { ($0.complaints, $1.product?.name ?? "") > ($1.complaints, $0.product?.name ?? "") }

        return ServiceReport(from: fromMonth, to: toMonth, byMonth: byMonth, byPriority: byPriority, byTier: byTier, byDepartment: byDepartment,
                             backlog: backlog, satisfaction: satisfaction, complaintsByProduct: complaints)
    }
}
