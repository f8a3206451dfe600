import CRMCore
import Fluent
import SQLKit
import Vapor

/// Every minute: cases whose SLA warning time has come get it once — recorded on the case and mailed to the
/// assignee and the department's manager through the outbox — however often the job runs or is killed half-way:
/// the warning is a row unique per case and mark, written in the transaction that queues its mail.
enum SLAWatch {
    static let kind = JobKind(name: "service.sla.watch", summary: "Warn of cases at risk of breaching their SLA, and of breaches",
                              maxAttempts: 1, schedule: "* * * * *") { run in
        let sent = try await check(now: run.now, app: run.app)
        if sent > 0 { run.app.logger.info("Recorded \(sent) SLA warning(s)") }
    }

    /// Records and sends the warnings due at `now`; returns how many were recorded.
    @discardableResult
    static func check(now: Date, app: Application, batch: Int = 200) async throws -> Int {
        let settings = try await ServiceSettings.load(on: app.db, defaultZone: app.config.timeZone)
        var recorded = 0
        for _ in 0..<10_000 {
            let cases = try await ServiceCase.query(on: app.db).filter(\.$alertAt <= now).sort(\.$alertAt).limit(batch).all()
            if cases.isEmpty { break }
            let marks = try await CaseEvents.marks(of: cases.map { $0.id! }, on: app.db)
            let managers = try await Departments(db: app.db).managers()
            var pass = 0
            for item in cases {
                pass += try await warn(item, notified: marks[item.id!] ?? [], manager: managers[item.$department.id], settings: settings, now: now, app: app)
            }
            recorded += pass
            // A pass that warned of nothing moved every case it read to a later alert time, or could not: stop either way.
            if pass == 0 { break }
        }
        return recorded
    }

    private static func warn(_ item: ServiceCase, notified: Set<String>, manager: UUID?, settings: ServiceSettings, now: Date, app: Application) async throws -> Int {
        let due = item.dueAlerts(at: now, settings: settings, notified: notified)
        return try await app.db.transaction { db in
            var marks = notified
            var recorded = 0
            for (clock, alert) in due {
                let mark = alert.mark(clock)
                marks.insert(mark)
                let text = alert == .breach
                    ? "\(clock.label) target breached"
                    : "\(clock.label) at risk: \(settings.riskPercent) % of the target used"
                let inserted = try await db.sql.insert(into: CaseEvent.schema)
                    .columns("id", "case_id", "kind", "body", "sla_mark", "at")
                    .values(SQLBind(InsertionOrderedIDs.next()), SQLBind(item.requireID()), SQLBind(CaseEventKind.sla.rawValue), SQLBind(text), SQLBind(mark), SQLBind(now))
                    .ignoringConflicts(with: ["case_id", "sla_mark"]).returning("id").first()
                guard inserted != nil else { continue }
                recorded += 1
                guard let mail = app.contributions.colleagueMail else { continue }
                let subject = "\(alert == .breach ? "SLA breached" : "SLA at risk"): \(item.reference) \(item.subject)"
                let deadline = item.clock(clock).deadline(in: settings.calendar)
                let body = "\(text) on case \(item.reference) (\(item.priority) priority): \(item.subject)\n"
                    + (deadline.map { "Due: " + DateText.format($0, timeZone: settings.calendar.timeZone.identifier) + " (\(settings.calendar.timeZone.identifier))\n" } ?? "") + "\nOpen the case in the CRM to answer it.\n"
                for person in Set([item.$assignee.id, manager].compactMap { $0 }) {
                    _ = try await mail(person, subject, body, db, app)
                }
            }
            item.refreshInstants(settings: settings, notified: marks)
            // Only the alert time changes: the case's version stays, so nobody's edit is refused because of a warning.
            try await db.sql.update(ServiceCase.schema).set("alert_at", to: SQLBind(item.alertAt)).where("id", .equal, SQLBind(item.requireID())).run()
            return recorded
        }
    }
}
