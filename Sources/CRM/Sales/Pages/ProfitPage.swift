import CRMCore
import Vapor

/// Which customers make money: the profit ranking with a chart of the leaders, and one account's profit by month,
/// year, product and order. Figures are in the base currency.
enum ProfitPage {
    @Sendable static func show(_ request: Request) async throws -> Response {
        let report = try await ProfitQueries.ranking(request)
        return ranking(report, query: request.pageQuery, PageContext(request)).response()
    }

    @Sendable static func csv(_ request: Request) async throws -> Response {
        ProfitQueries.csv(try await ProfitQueries.ranking(request))
    }

    @Sendable static func account(_ request: Request) async throws -> Response {
        let report = try await ProfitQueries.account(request)
        return account(report, PageContext(request)).response()
    }

    static func ranking(_ report: ProfitReports.Ranking, query: [String: String], _ context: PageContext) -> Node {
        let currency = report.currency
        func money(_ minor: Int64) -> String { MinorUnits.grouped(minor, currency: currency) }
        let leaders = Array(report.rows.prefix(15))
        // Bars start at zero: a loss shows as no bar, with the figure in the table.
        let chart = BarChart(
            title: "Revenue and profit of the leading accounts (\(currency))",
            categories: leaders.map(\.account.name),
            series: [
                .init(name: "Revenue", color: "#8fb0ef", values: leaders.map { max(0, $0.figures.revenueMinor) }),
                .init(name: "Profit", color: "#2e7d32", values: leaders.map { max(0, $0.figures.profitMinor) }),
            ],
            valueLabel: { String(MinorUnits.wholeUnits($0, currency: currency)) })
        let csvQuery = QueryString.encode(query)
        return Layout.page("Profit by customer", context) {
            Node.div(.class("title-row")) {
                Node.h1 { "Profit by customer" }
                Node.div(.class("actions")) {
                    Node.a(.href(Site.tiers()), .class("button secondary")) { "Volume against profit" }
                    Node.a(.href(Site.profitCSV() + (csvQuery.isEmpty ? "" : "?" + csvQuery)), .class("button secondary")) { "Download CSV" }
                }
            }
            Node.form(.method("get"), .action(Site.profit()), .class("filters")) {
                FormField.input("from", label: "From month", value: report.from, type: "month")
                FormField.input("to", label: "To month", value: report.to, type: "month")
                FormField.input("compareFrom", label: "Compare from", value: report.compareFrom ?? "", type: "month")
                FormField.input("compareTo", label: "Compare to", value: report.compareTo ?? "", type: "month")
                Node.button(.type("submit"), .class("secondary")) { "Show" }
            }
            Node.div(.class("tiles")) {
                FigureTile.render("Profit (\(currency))", money(report.totals.profitMinor), "on revenue of \(money(report.totals.revenueMinor))")
                FigureTile.render("Margin", report.totals.marginBasisPoints.map(Margin.percentText) ?? "—", "profit over revenue")
                FigureTile.render("Customers who bought", String(report.accounts), "\(report.from) to \(report.to)")
            }
            if !leaders.isEmpty { Node.section(.class("card")) { chart.render() } }
            Node.section(.class("card")) {
                Node.table(.class("list figures")) {
                    Node.thead {
                        Node.tr {
                            Node.th { "#" }; Node.th { "Account" }; Node.th { "Orders" }; Node.th { "Revenue" }; Node.th { "Cost" }
                            Node.th { "Profit" }; Node.th { "Margin" }
                            if report.compareFrom != nil { Node.th { "Profit before" }; Node.th { "Change" } }
                        }
                    }
                    Node.tbody {
                        if report.rows.isEmpty { Node.tr { Node.td(.init("colspan", "7"), .class("muted")) { "No confirmed orders in this period." } } }
                        for row in report.rows {
                            Node.tr {
                                Node.td(.class("number")) { .text(String(row.rank)) }
                                Node.td {
                                    Node.a(.href(Site.accountProfit(row.account.id.uuidString) + "?from=\(report.from)&to=\(report.to)")) { .text(row.account.name) }
                                }
                                Node.td(.class("number")) { .text(String(row.orders)) }
                                for value in [row.figures.revenueMinor, row.figures.costMinor, row.figures.profitMinor] {
                                    Node.td(.class("number")) { .text(money(value)) }
                                }
                                Node.td(.class("number")) { .text(row.figures.marginBasisPoints.map(Margin.percentText) ?? "—") }
                                if report.compareFrom != nil {
                                    Node.td(.class("number")) { .text(money(row.previousProfitMinor ?? 0)) }
                                    Node.td(.class("number")) { .text((row.changeMinor ?? 0) > 0 ? "+" + money(row.changeMinor ?? 0) : money(row.changeMinor ?? 0)) }
                                }
                            }
                        }
                    }
                }
                if let next = report.nextOffset {
                    Node.a(.href(Site.profit() + "?" + ([csvQuery, "offset=\(next)"].filter { !$0.isEmpty }.joined(separator: "&"))), .class("button secondary")) { "Next" }
                }
            }
        }
    }

    static func account(_ report: ProfitReports.AccountProfit, _ context: PageContext) -> Node {
        let currency = report.currency
        func money(_ minor: Int64) -> String { MinorUnits.grouped(minor, currency: currency) }
        let chart = BarChart(
            title: "\(report.account.name): revenue, cost and profit by month (\(currency))",
            categories: report.months.map(\.key),
            series: [
                .init(name: "Revenue", color: "#8fb0ef", values: report.months.map { max(0, $0.figures.revenueMinor) }),
                .init(name: "Cost", color: "#d9dde5", values: report.months.map { max(0, $0.figures.costMinor) }),
                .init(name: "Profit", color: "#2e7d32", values: report.months.map { max(0, $0.figures.profitMinor) }),
            ],
            valueLabel: { String(MinorUnits.wholeUnits($0, currency: currency)) })
        return Layout.page("Profit of \(report.account.name)", context) {
            Node.div(.class("title-row")) {
                Node.h1 { .text("Profit of \(report.account.name)") }
                Node.a(.href(Site.account(report.account.id.uuidString)), .class("button secondary")) { "Account card" }
            }
            Node.form(.method("get"), .action(Site.accountProfit(report.account.id.uuidString)), .class("filters")) {
                FormField.input("from", label: "From month", value: report.from, type: "month")
                FormField.input("to", label: "To month", value: report.to, type: "month")
                Node.button(.type("submit"), .class("secondary")) { "Show" }
            }
            Node.div(.class("tiles")) {
                FigureTile.render("Profit (\(currency))", money(report.totals.profitMinor), "on revenue of \(money(report.totals.revenueMinor))")
                FigureTile.render("Margin", report.totals.marginBasisPoints.map(Margin.percentText) ?? "—", "\(report.from) to \(report.to)")
            }
            if !report.months.isEmpty { Node.section(.class("card")) { chart.render() } }
            buckets("By year", report.years, first: "Year", money: money)
            buckets("By month", report.months, first: "Month", money: money)
            buckets("By product", report.products, first: "Product", money: money, quantity: true)
            buckets("Orders (latest 100)", report.orders, first: "Order date", money: money)
        }
    }

    private static func buckets(_ title: String, _ rows: [ProfitReports.Bucket], first: String, money: (Int64) -> String, quantity: Bool = false) -> Node {
        .section(.class("card")) {
            Node.h2 { .text(title) }
            Node.table(.class("list figures")) {
                Node.thead {
                    Node.tr {
                        Node.th { .text(first) }
                        if quantity { Node.th { "Quantity" } }
                        Node.th { "Revenue" }; Node.th { "Cost" }; Node.th { "Profit" }; Node.th { "Margin" }
                    }
                }
                Node.tbody {
                    if rows.isEmpty { Node.tr { Node.td(.class("muted")) { "Nothing in this period." } } }
                    for row in rows {
                        Node.tr {
                            Node.td { .text(row.label) }
                            if quantity { Node.td(.class("number")) { .text(row.quantity.map(String.init) ?? "") } }
                            for value in [row.figures.revenueMinor, row.figures.costMinor, row.figures.profitMinor] {
                                Node.td(.class("number")) { .text(money(value)) }
                            }
                            Node.td(.class("number")) { .text(row.figures.marginBasisPoints.map(Margin.percentText) ?? "—") }
                        }
                    }
                }
            }
        }
    }

    @Sendable static func commissions(_ request: Request) async throws -> Response {
        let report = try await ProfitQueries.commissions(request)
        return commissions(report, PageContext(request)).response()
    }

    static func commissions(_ report: Commissions.Report, _ context: PageContext) -> Node {
        let currency = report.currency
        func money(_ minor: Int64) -> String { MinorUnits.grouped(minor, currency: currency) }
        let totals = report.rows.filter { $0.month == nil }
        let chart = BarChart(
            title: "Profit and commission by salesperson (\(currency))",
            categories: totals.map(\.salesperson.name),
            series: [
                .init(name: "Profit", color: "#2e7d32", values: totals.map { max(0, $0.profitMinor) }),
                .init(name: "Commission", color: "#e65100", values: totals.map { max(0, $0.commissionMinor) }),
            ],
            valueLabel: { String(MinorUnits.wholeUnits($0, currency: currency)) })
        return Layout.page("Commissions", context) {
            Node.h1 { "Commissions" }
            Node.form(.method("get"), .action(Site.commissions()), .class("filters")) {
                FormField.input("from", label: "From month", value: report.from, type: "month")
                FormField.input("to", label: "To month", value: report.to, type: "month")
                Node.button(.type("submit"), .class("secondary")) { "Show" }
            }
            if !totals.isEmpty { Node.section(.class("card")) { chart.render() } }
            Node.section(.class("card")) {
                Node.table(.class("list figures")) {
                    Node.thead {
                        Node.tr {
                            Node.th { "Salesperson" }; Node.th { "Month" }; Node.th { "Revenue" }; Node.th { "Profit" }
                            Node.th { "Commission" }; Node.th { "By margin tier" }
                        }
                    }
                    Node.tbody {
                        if report.rows.isEmpty { Node.tr { Node.td(.class("muted")) { "No sales in this period." } } }
                        for row in report.rows {
                            Node.tr(.class(row.month == nil ? "total" : "")) {
                                Node.td { .text(row.salesperson.name) }
                                Node.td { .text(row.month ?? "Total") }
                                for value in [row.revenueMinor, row.profitMinor, row.commissionMinor] {
                                    Node.td(.class("number")) { .text(money(value)) }
                                }
                                Node.td { .text(row.byTier.map { "\($0.tier): \(money($0.commissionMinor))" }.joined(separator: " · ")) }
                            }
                        }
                    }
                }
            }
        }
    }

    @Sendable static func tiers(_ request: Request) async throws -> Response {
        let report = try await ProfitQueries.tierDisagreements(request)
        return tiers(report, PageContext(request)).response()
    }

    /// Big buyers of low-margin products, and small buyers who bring much profit: where volume misleads.
    static func tiers(_ report: ProfitTiering.Disagreements, _ context: PageContext) -> Node {
        func money(_ minor: Int64) -> String { MinorUnits.grouped(minor, currency: report.currency) }
        return Layout.page("Tiers: volume against profit", context) {
            Node.h1 { "Tiers: volume against profit" }
            Node.p(.class("muted")) {
                .text("Accounts whose tier by revenue differs from their tier by profit, \(report.from) to \(report.to), biggest buyers first. "
                      + "A by revenue but C by profit is a big buyer of low-margin products.")
            }
            Node.section(.class("card")) {
                Node.table(.class("list figures")) {
                    Node.thead {
                        Node.tr {
                            Node.th { "Account" }; Node.th { "Revenue" }; Node.th { "Profit" }; Node.th { "Margin" }
                            Node.th { "Tier by revenue" }; Node.th { "Tier by profit" }
                        }
                    }
                    Node.tbody {
                        if report.rows.isEmpty { Node.tr { Node.td(.class("muted")) { "Volume and profit agree for every account." } } }
                        for row in report.rows {
                            Node.tr {
                                Node.td { Node.a(.href(Site.accountProfit(row.account.id.uuidString))) { .text(row.account.name) } }
                                Node.td(.class("number")) { .text(money(row.revenueMinor)) }
                                Node.td(.class("number")) { .text(money(row.profitMinor)) }
                                Node.td(.class("number")) { .text(row.marginBasisPoints.map(Margin.percentText) ?? "—") }
                                Node.td { .text(row.tierByRevenue) }
                                Node.td { Node.strong { .text(row.tierByProfit) } }
                            }
                        }
                    }
                }
            }
        }
    }
}
