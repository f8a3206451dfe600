import CRMCore
import Vapor

/// The service report managers read: compliance and times by month with a chart, then by priority, tier and
/// department; the backlog by age; satisfaction by month; which products draw complaints. As CSV and JSON too.
enum ServiceReportPage {
    static func load(_ request: Request) async throws -> ServiceReport {
        try await ServiceReport.load(from: request.query[String.self, at: "from"].flatMap { $0.isEmpty ? nil : $0 },
                                     to: request.query[String.self, at: "to"].flatMap { $0.isEmpty ? nil : $0 }, now: request.now, on: request.db)
    }

    @Sendable static func json(_ request: Request) async throws -> ServiceReport {
        try await load(request)
    }

    @Sendable static func csv(_ request: Request) async throws -> Response {
        let report = try await load(request)
        var lines = ["section,key,opened,resolved,first_responses,first_responses_on_time,resolutions,resolutions_on_time,median_first_response_minutes,median_resolution_minutes"]
        func line(_ fields: [String]) -> String {
            (fields + Array(repeating: "", count: max(0, 10 - fields.count))).map(CSV.field).joined(separator: ",")
        }
        let sections: [(String, [ServiceReport.Group])] = [("month", report.byMonth), ("priority", report.byPriority), ("tier", report.byTier),
                                                           ("department", report.byDepartment)]
        for (section, groups) in sections {
            for group in groups {
                let counts: [Int] = [group.opened, group.resolved, group.firstResponses, group.firstResponsesOnTime, group.resolutions, group.resolutionsOnTime]
                let medians: [String] = [group.medianFirstResponseMinutes.map(String.init) ?? "", group.medianResolutionMinutes.map(String.init) ?? ""]
                lines.append(line([section, group.key] + counts.map(String.init) + medians))
            }
        }
        for bucket in report.backlog { lines.append(line(["backlog", bucket.label, String(bucket.cases)])) }
        for month in report.satisfaction {
            let average = month.averageTenths.map { "\($0 / 10).\($0 % 10)" } ?? ""
            lines.append(line(["satisfaction", month.month, String(month.answers), "", "", "", "", "", "", average]))
        }
        for row in report.complaintsByProduct { lines.append(line(["complaints", row.product?.name ?? "no product", String(row.complaints)])) }
        return CSV.response(lines, filename: "service-\(report.from)-\(report.to).csv")
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let report = try await load(request)
        let query = request.pageQuery
        let csvQuery = QueryString.encode(query)
        let chart = BarChart(
            title: "Cases opened and resolved by month, and the share of resolution targets met (%)",
            categories: report.byMonth.map(\.key),
            series: [
                .init(name: "Opened", color: "#2457c5", values: report.byMonth.map { Int64($0.opened) }),
                .init(name: "Resolved", color: "#2e7d32", values: report.byMonth.map { Int64($0.resolved) }),
                .init(name: "Resolution targets met (%)", color: "#e65100", values: report.byMonth.map { Int64($0.resolutionCompliance ?? 0) }, asMarker: true),
            ])
        return Layout.page("Service report", PageContext(request)) {
            Node.div(.class("title-row")) {
                Node.h1 { "Service report" }
                Node.a(.href(Site.serviceReportCSV() + (csvQuery.isEmpty ? "" : "?" + csvQuery)), .class("button secondary")) { "Download CSV" }
            }
            Node.form(.method("get"), .action(Site.serviceReport()), .class("filters")) {
                FormField.input("from", label: "Cases opened from month", value: report.from, type: "month")
                FormField.input("to", label: "To month", value: report.to, type: "month")
                Node.button(.type("submit"), .class("secondary")) { "Show" }
            }
            Node.section(.class("card")) {
                chart.render()
                Node.p(.class("muted")) { "Times are working time by the service calendar; a target counts as met when it was met within it." }
            }
            table("By month", "Month", report.byMonth)
            table("By priority", "Priority", report.byPriority)
            table("By customer tier", "Tier", report.byTier)
            table("By department", "Department", report.byDepartment)
            Node.div(.class("columns")) {
                Node.section(.class("card")) {
                    Node.h2 { "Open backlog by age" }
                    Node.table {
                        Node.thead { Node.tr { Node.th { "Open for" }; Node.th(.class("num")) { "Cases" } } }
                        Node.tbody { for bucket in report.backlog { Node.tr { Node.td { .text(bucket.label) }; Node.td(.class("num")) { .text(String(bucket.cases)) } } } }
                    }
                }
                Node.section(.class("card")) {
                    Node.h2 { "Satisfaction by month" }
                    if report.satisfaction.isEmpty { Node.p(.class("muted")) { "No survey answered in these months." } }
                    Node.table {
                        Node.thead { Node.tr { Node.th { "Month" }; Node.th(.class("num")) { "Answers" }; Node.th(.class("num")) { "Average (of 5)" } } }
                        Node.tbody {
                            for month in report.satisfaction {
                                Node.tr {
                                    Node.td { .text(month.month) }
                                    Node.td(.class("num")) { .text(String(month.answers)) }
                                    Node.td(.class("num")) { .text(month.averageTenths.map { "\($0 / 10).\($0 % 10)" } ?? "—") }
                                }
                            }
                        }
                    }
                }
                Node.section(.class("card")) {
                    Node.h2 { "Complaints by product" }
                    if report.complaintsByProduct.isEmpty { Node.p(.class("muted")) { "No complaints in these months." } }
                    Node.table {
                        Node.thead { Node.tr { Node.th { "Product" }; Node.th(.class("num")) { "Complaints" } } }
                        Node.tbody {
                            for row in report.complaintsByProduct {
                                Node.tr {
                                    Node.td { if let product = row.product { Node.a(.href(Site.product(product.id))) { .text(product.name) } } else { Node.text("no product named") } }
                                    Node.td(.class("num")) { .text(String(row.complaints)) }
                                }
                            }
                        }
                    }
                }
            }
        }.response()
    }

    private static func table(_ title: String, _ keyTitle: String, _ groups: [ServiceReport.Group]) -> Node {
        Node.section(.class("card")) {
            Node.h2 { .text(title) }
            Node.div(.class("table-scroll")) {
                Node.table {
                    Node.thead {
                        Node.tr {
                            Node.th { .text(keyTitle) }; Node.th(.class("num")) { "Opened" }; Node.th(.class("num")) { "Resolved" }
                            Node.th(.class("num")) { "First response on time" }; Node.th(.class("num")) { "Median first response" }
                            Node.th(.class("num")) { "Resolution on time" }; Node.th(.class("num")) { "Median resolution" }
                        }
                    }
                    Node.tbody {
                        for group in groups {
                            Node.tr {
                                Node.td { .text(group.key) }
                                Node.td(.class("num")) { .text(String(group.opened)) }
                                Node.td(.class("num")) { .text(String(group.resolved)) }
                                Node.td(.class("num")) { .text(group.firstResponseCompliance.map { "\($0) % of \(group.firstResponses)" } ?? "—") }
                                Node.td(.class("num")) { .text(group.medianFirstResponseMinutes.map(CaseText.minutes) ?? "—") }
                                Node.td(.class("num")) { .text(group.resolutionCompliance.map { "\($0) % of \(group.resolutions)" } ?? "—") }
                                Node.td(.class("num")) { .text(group.medianResolutionMinutes.map(CaseText.minutes) ?? "—") }
                            }
                        }
                    }
                }
            }
        }
    }
}
