import CRMCore
import Fluent
import SQLKit
import Vapor

/// The service desk's working hours (weekdays, hours, holidays, zone), the share of a target that puts a case at
/// risk, and the SLA targets by priority and tier; read together because every clock needs all of them.
struct ServiceSettings: Sendable {
    var calendar: BusinessCalendar
    /// 1–99: a case is *at risk* once this share of a target is used.
    var riskPercent: Int
    var targets: [SLATarget]
    /// Mail to these addresses opens cases (lower case).
    var supportAddresses: [String] = []
    /// How long after resolution the satisfaction survey goes out (a quick reopening cancels it).
    var surveyDelayMinutes = 60

    var riskShare: Double { Double(riskPercent) / 100 }

    static let defaultRiskPercent = 75

    /// The settings in force; an installation that never saved any has office hours in its own zone and the default targets.
    static func load(on db: any Database, defaultZone: TimeZone) async throws -> ServiceSettings {
        let row = try await db.sql.select().columns("time_zone", "hours", "holidays", "risk_percent", "support_addresses", "survey_delay_minutes").from("service_settings")
            .where("id", .equal, SQLBind(1)).first()
        let policies = try await db.sql.select().columns("priority", "tier", "first_response_minutes", "resolution_minutes").from("sla_policies").all()
        let targets = try policies.compactMap { row -> SLATarget? in
            guard let priority = CasePriority(rawValue: try row.decode(column: "priority", as: String.self)) else { return nil }
            return SLATarget(priority: priority, tier: try row.decode(column: "tier", as: String?.self),
                             firstResponseMinutes: try row.decode(column: "first_response_minutes", as: Int.self),
                             resolutionMinutes: try row.decode(column: "resolution_minutes", as: Int.self))
        }
        guard let row else {
            return ServiceSettings(calendar: .officeHours(in: defaultZone), riskPercent: defaultRiskPercent, targets: targets.isEmpty ? SLATarget.defaults : targets)
        }
        let zone = TimeZone(identifier: try row.decode(column: "time_zone", as: String.self)) ?? defaultZone
        let hours = try JSONDecoder().decode([String: [String]].self, from: Data(try row.decode(column: "hours", as: String.self).utf8))
        let holidays = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "holidays", as: String.self).utf8))
        var week: [Int: [BusinessCalendar.Span]] = [:]
        for (day, spans) in hours { if let day = Int(day) { week[day] = spans.compactMap(BusinessCalendar.Span.init(parsing:)) } }
        return ServiceSettings(calendar: BusinessCalendar(timeZone: zone, week: week, holidays: Set(holidays.compactMap(CalendarDate.init))),
                               riskPercent: try row.decode(column: "risk_percent", as: Int.self), targets: targets.isEmpty ? SLATarget.defaults : targets,
                               supportAddresses: try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "support_addresses", as: String.self).utf8)),
                               surveyDelayMinutes: try row.decode(column: "survey_delay_minutes", as: Int.self))
    }

    static func load(_ request: Request) async throws -> ServiceSettings {
        try await load(on: request.db, defaultZone: request.application.config.timeZone)
    }

    /// The form and API shape: hours per weekday as `09:00-17:00` spans, holidays as days.
    struct Input: StrictInput {
        var timeZone: String?
        /// ISO weekday (1 = Monday) → spans, e.g. `{"1": ["09:00-12:00", "13:00-17:00"]}`.
        var hours: [String: [String]]?
        var holidays: [String]?
        var riskPercent: Int?
        var targets: [Target]?
        /// Addresses whose mail opens cases, e.g. `support@example.com`.
        var supportAddresses: [String]?
        /// Minutes after resolution before the satisfaction survey goes out; default 60.
        var surveyDelayMinutes: Int?

        struct Target: Codable, Sendable {
            var priority: String?
            var tier: String?
            var firstResponseMinutes: Int?
            var resolutionMinutes: Int?
        }

        static let targetSchema = JSONSchema.object([
            ("priority", .string(enumeration: CasePriority.allCases.map(\.rawValue))), ("tier", .nullable(.string(enumeration: ["A", "B", "C"]))),
            ("firstResponseMinutes", .integer()), ("resolutionMinutes", .integer()),
        ], required: ["priority", "firstResponseMinutes", "resolutionMinutes"])
        static let schema = JSONSchema.object([
            ("timeZone", .string()), ("hours", .dictionary(.array(.string()))), ("holidays", .array(.string(format: "date"))),
            ("riskPercent", .integer()), ("targets", .array(targetSchema)), ("supportAddresses", .array(.email)), ("surveyDelayMinutes", .integer()),
        ], required: ["timeZone", "hours", "holidays", "riskPercent", "targets"])
    }

    var input: Input {
        Input(timeZone: calendar.timeZone.identifier,
              hours: Dictionary(uniqueKeysWithValues: calendar.week.map { (String($0.key), $0.value.map(\.description)) }),
              holidays: calendar.holidays.sorted().map(\.description), riskPercent: riskPercent,
              targets: targets.map { .init(priority: $0.priority.rawValue, tier: $0.tier, firstResponseMinutes: $0.firstResponseMinutes, resolutionMinutes: $0.resolutionMinutes) },
              supportAddresses: supportAddresses, surveyDelayMinutes: surveyDelayMinutes)
    }

    /// Checks everything, naming each bad field, then replaces the settings in one transaction.
    static func save(_ input: Input, on db: any Database) async throws -> ServiceSettings {
        var fields = FieldCheck()
        let zone = input.timeZone.flatMap(TimeZone.init(identifier:))
        if zone == nil { fields.fail("timeZone", "must be a time zone such as Europe/Vilnius") }
        var week: [Int: [BusinessCalendar.Span]] = [:]
        for (day, spans) in input.hours ?? [:] {
            guard let weekday = Int(day), (1...7).contains(weekday) else { fields.fail("hours", "days are numbered 1 (Monday) to 7 (Sunday), not \(day)"); continue }
            for text in spans {
                if let span = BusinessCalendar.Span(parsing: text) { week[weekday, default: []].append(span) } else {
                    fields.fail("hours", "\(text) is not a span of the day written 09:00-17:00")
                }
            }
        }
        if input.hours == nil || (fields.errors["hours"] == nil && !BusinessCalendar(timeZone: .gmt, week: week).hasWorkingTime) {
            fields.fail("hours", "must give working hours on at least one day")
        }
        var holidays = Set<CalendarDate>()
        for text in input.holidays ?? [] {
            if let day = CalendarDate(text) { holidays.insert(day) } else { fields.fail("holidays", "\(text) is not a day written YYYY-MM-DD") }
        }
        let risk = input.riskPercent ?? defaultRiskPercent
        if !(1...99).contains(risk) { fields.fail("riskPercent", "must be between 1 and 99") }
        var targets: [SLATarget] = []
        for (index, target) in (input.targets ?? []).enumerated() {
            let name = "targets[\(index)]"
            guard let priority = target.priority.flatMap(CasePriority.init(rawValue:)) else {
                fields.fail(name + ".priority", "must be one of " + CasePriority.allCases.map(\.rawValue).joined(separator: ", ")); continue
            }
            let tier = target.tier.flatMap { $0.isEmpty ? nil : $0 }
            if let tier, ProfitTiers.Tier(rawValue: tier) == nil { fields.fail(name + ".tier", "must be A, B or C, or absent for every tier") }
            guard let first = target.firstResponseMinutes, let resolution = target.resolutionMinutes, first > 0, resolution >= first, resolution <= 525_600 else {
                fields.fail(name, "needs a first response of at least one minute and a resolution no shorter, in working minutes"); continue
            }
            if targets.contains(where: { $0.priority == priority && $0.tier == tier }) { fields.fail(name, "repeats the target for \(priority.rawValue) \(tier ?? "every tier")") }
            targets.append(SLATarget(priority: priority, tier: tier, firstResponseMinutes: first, resolutionMinutes: resolution))
        }
        var support: [String] = []
        for text in input.supportAddresses ?? [] {
            if let address = EmailAddress(text) { support.append(address.value) } else { fields.fail("supportAddresses", "\(text) is not an email address") }
        }
        let delay = input.surveyDelayMinutes ?? 60
        if !(0...10_080).contains(delay) { fields.fail("surveyDelayMinutes", "must be between 0 and 10080 (a week)") }
        for priority in CasePriority.allCases where !targets.contains(where: { $0.priority == priority && $0.tier == nil }) {
            fields.fail("targets", "need a target for \(priority.rawValue) priority for every tier")
        }
        try fields.throwIfFailed()
        let chosen = targets
        let settings = ServiceSettings(calendar: BusinessCalendar(timeZone: zone ?? .gmt, week: week, holidays: holidays), riskPercent: risk, targets: chosen,
                                       supportAddresses: support, surveyDelayMinutes: delay)
        let saved = settings.input
        let hours = String(decoding: try JSONEncoder().encode(saved.hours ?? [:]), as: UTF8.self)
        let days = String(decoding: try JSONEncoder().encode(saved.holidays ?? []), as: UTF8.self)
        let addresses = String(decoding: try JSONEncoder().encode(support), as: UTF8.self)
        try await db.transaction { db in
            try await db.sql.delete(from: "service_settings").run()
            try await db.sql.insert(into: "service_settings").columns("id", "time_zone", "hours", "holidays", "risk_percent", "support_addresses", "survey_delay_minutes")
                .values(SQLBind(1), SQLBind(settings.calendar.timeZone.identifier), SQLBind(hours), SQLBind(days), SQLBind(risk), SQLBind(addresses),
                        SQLBind(delay)).run()
            try await db.sql.delete(from: "sla_policies").run()
            for target in chosen {
                try await db.sql.insert(into: "sla_policies").columns("id", "priority", "tier", "first_response_minutes", "resolution_minutes")
                    .values(SQLBind(UUID()), SQLBind(target.priority.rawValue), SQLBind(target.tier), SQLBind(target.firstResponseMinutes), SQLBind(target.resolutionMinutes)).run()
            }
        }
        return settings
    }
}
