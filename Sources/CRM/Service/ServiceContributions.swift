import CRMCore
import Fluent
import SQLKit
import Vapor

/// What the service desk brings to the others: open cases with *New case* on customer cards and the caller screen,
/// each case on its customer's timelines, the home page's count of one's cases, and the SLA watch job.
extension ServiceArea {
    static func contribute(to contributions: inout Contributions) {
        contributions.jobKinds.append(SLAWatch.kind)
        contributions.inboundMailObservers.append(CaseMail.observe)
        contributions.jobKinds.append(CaseSurveys.kind)
        contributions.cardSections.append { subject, request in
            [.init(place: .activity, node: try await openCases(of: subject, request: request))]
        }
        contributions.cardSections.append { subject, request in
            guard case let .account(id) = subject else { return [] }
            let scores = try await CaseSurveys.scores(account: id, on: request.db)
            return [.init(place: .summary, node: Node.section(.class("card"), .aria("label", "Satisfaction")) {
                Node.h2 { "Satisfaction" }
                Node.p { .text("Service cases: " + scores.text) }
            })]
        }
        contributions.timelineSources.append(.init(type: "case", label: "Case", page: Site.serviceCase, table: ServiceCase.schema,
                                                   timeColumn: "created_at") { subject, page, db in
            let query = ServiceCase.query(on: db).with(\.$assignee)
            switch subject {
            case let .account(id): query.filter(\.$accountID == id)
            case let .contact(id): query.filter(\.$contactID == id)
            }
            if let user = page.userID { query.filter(\.$assignee.$id == user) }
            return try await page.page(query, timeColumn: "created_at").all().map { item in
                let kind = CaseKind(rawValue: item.kind)?.label ?? item.kind
                return TimelineEntry(id: try item.requireID(), type: "case", occurredAt: item.createdAt, title: "\(item.reference) \(kind): \(item.subject)",
                                     summary: CaseStatus(rawValue: item.status)?.label ?? item.status, direction: nil, user: UserRef(item.assignee))
            }
        })
        contributions.callerSections.append { subject, _, request in
            [.init(place: .summary, node: try await openCases(of: subject, request: request))]
        }
        contributions.homeTiles.append { request in
            let me = try request.user.requireID()
            let row = try await request.db.sql.raw("""
                SELECT COUNT(*) AS open, CAST(COALESCE(SUM(CASE WHEN queue_at <= \(bind: request.now) THEN 1 ELSE 0 END), 0) AS BIGINT) AS late
                FROM cases WHERE assignee_id = \(bind: me) AND active = \(bind: true)
                """).first()
            let open = try row?.decode(column: "open", as: Int.self) ?? 0
            let late = try row?.decode(column: "late", as: Int.self) ?? 0
            return [
                .a(.href(Site.cases() + "?assignee=me"), .class("tile card")) {
                    Node.div(.class("muted")) { "Your open cases" }
                    Node.div(.class("figure")) { .text(String(open)) }
                    Node.small(.class(late > 0 ? "tag warn" : "muted")) { .text("\(late) past their SLA") }
                },
            ]
        }
    }

    /// A customer's active cases, most urgent first: up to ten, in one statement when there are none, and a constant
    /// number more (the rows, their names, the settings) when there are.
    static func openCases(of subject: CustomerSubject, request: Request) async throws -> Node {
        var filter = CaseFilter()
        let query: String
        switch subject {
        case let .account(id): (filter.account, query) = (id, "account=\(id)")
        case let .contact(id): (filter.contact, query) = (id, "contact=\(id)")
        }
        // Most customers have no open case: the settings that time the clocks are read only when there are some.
        let ids = try await filter.ids(PageRequest(limit: 10), on: request.db)
        let items = ids.isEmpty ? []
            : try await CaseRows.dtos(ids: Array(ids.prefix(10)), settings: try await ServiceSettings.load(request), now: request.now, on: request.db)
        let zone = request.userTimeZone
        return Node.section(.class("card"), .aria("label", "Open cases")) {
            Node.div(.class("title-row")) {
                Node.h2 { "Open cases" }
                Node.a(.href(Site.caseNew() + "?" + query), .class("button secondary")) { "New case" }
            }
            if items.isEmpty {
                Node.p(.class("muted")) { "No open case." }
            } else {
                Node.ul(.class("results")) {
                    for item in items {
                        let (label, clock) = CaseText.current(item)
                        Node.li {
                            Node.a(.href(Site.serviceCase(item.id))) { Node.strong { .text(item.reference) }; Node.text(" " + item.subject) }
                            Node.span(.class(CaseText.tagClass(clock.standing))) { .text(label + ": " + CaseText.clock(clock)) }
                            Node.div(.class("muted")) {
                                Node.text((CaseStatus(rawValue: item.status)?.label ?? item.status) + " · " + item.department.name + " · " + (item.assignee?.name ?? "queue") + " · opened ")
                                DateText.node(item.createdAt, timeZone: zone)
                            }
                        }
                    }
                }
            }
        }
    }
}
