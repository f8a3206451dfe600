import CRMCore
import Vapor

/// The forecast a manager reads at a glance: a chart of the months, then the figures by month, quarter,
/// owner and pipeline.
enum ForecastPage {
    @Sendable static func show(_ request: Request) async throws -> Response {
        let filter = try Forecast.Filter(request)
        let forecast = try await Forecast.load(request)
        let query = request.pageQuery
        let csvQuery = QueryString.encode(query)
        let analysis = try await StageAnalysis.load(pipelineID: try await PipelineAdmin(db: request.db).pipelineID(asked: request),
                                                    from: filter.from, to: filter.to, on: request.db)
        let model = Model(forecast: forecast, analysis: analysis, query: query, owners: try await UserDirectory.activeUsers(on: request.db),
                          pipelines: try await PipelineAdmin(db: request.db).all(), baseCurrency: request.application.config.baseCurrency,
                          csvLink: Site.forecastCSV() + (csvQuery.isEmpty ? "" : "?" + csvQuery))
        return render(model, PageContext(request)).response()
    }

    /// The same CSV as the API, for the signed-in browser.
    @Sendable static func csv(_ request: Request) async throws -> Response {
        ForecastCSV.response(try await Forecast.load(request))
    }

    struct Model {
        let forecast: Forecast
        let analysis: StageAnalysis?
        let query: [String: String]
        let owners: [UserRef]
        let pipelines: [PipelineAdmin.PipelineDTO]
        let baseCurrency: String
        let csvLink: String
    }

    static func render(_ model: Model, _ context: PageContext) -> Node {
        let forecast = model.forecast
        let currency = forecast.baseCurrency
        let chart = BarChart(
            title: "Forecast in \(currency) by month, all currencies converted",
            categories: forecast.months.map(\.key),
            series: [
                .init(name: "Closed won", color: "#2e7d32", values: forecast.months.map(\.inBase.closedWonMinor)),
                .init(name: "Commit", color: "#2457c5", values: forecast.months.map(\.inBase.commitMinor)),
                .init(name: "Best case", color: "#8fb0ef", values: forecast.months.map(\.inBase.bestCaseMinor)),
                .init(name: "Pipeline", color: "#d9dde5", values: forecast.months.map(\.inBase.pipelineMinor)),
                .init(name: "Weighted", color: "#e65100", values: forecast.months.map(\.inBase.weightedMinor), asMarker: true),
            ],
            valueLabel: { String(MinorUnits.wholeUnits($0, currency: currency)) })
        return Layout.page("Forecast", context) {
            Node.div(.class("title-row")) {
                Node.h1 { "Forecast" }
                Node.a(.href(model.csvLink), .class("button secondary")) { "Download CSV" }
            }
            Node.form(.method("get"), .action(Site.forecast()), .class("filters")) {
                FormField.input("from", label: "From month", value: forecast.from, type: "month")
                FormField.input("to", label: "To month", value: forecast.to, type: "month")
                FormField.select("pipeline", label: "Pipeline", options: model.pipelines.map { ($0.id.uuidString, $0.name) },
                                 selected: model.query["pipeline"], includeEmpty: true)
                FormField.select("owner", label: "Owner", options: model.owners.map { ($0.id.uuidString, $0.name) },
                                 selected: model.query["owner"], includeEmpty: true)
                Node.button(.type("submit"), .class("secondary")) { "Show" }
            }
            Node.div(.class("tiles")) {
                FigureTile.render("Win rate", forecast.winRatePercent.map { "\($0) %" } ?? "—", "\(forecast.wonDeals) won, \(forecast.lostDeals) lost in the period")
                FigureTile.render("Average cycle", forecast.averageCycleDays.map { "\($0) days" } ?? "—", "from creation to winning")
                let total = forecast.totalsInBase
                FigureTile.render("Weighted (all in \(currency))", MinorUnits.grouped(total.weightedMinor, currency: currency),
                                  "of \(MinorUnits.display(total.pipelineMinor, currency: currency)) open in \(total.openDeals) deals")
                FigureTile.render("Closed won (all in \(currency))", MinorUnits.grouped(total.closedWonMinor, currency: currency),
                                  "\(total.wonDeals) deals won in the period")
            }
            Node.section(.class("card")) { chart.render() }
            conversion(forecast)
            table("By month", forecast.months, first: "Month")
            table("By quarter", forecast.quarters, first: "Quarter")
            table("By owner", forecast.owners, first: "Owner")
            table("By pipeline", forecast.pipelines, first: "Pipeline")
            if let analysis = model.analysis { stages(analysis) }
        }
    }

    /// How deals that entered each stage in the period moved on, and how long they stayed.
    private static func stages(_ analysis: StageAnalysis) -> Node {
        .section(.class("card"), .id("stages")) {
            Node.h2 { .text("Stage conversion in \(analysis.pipeline.name)") }
            Node.table(.class("list figures")) {
                Node.thead { Node.tr { Node.th { "Stage" }; Node.th { "Entered" }; Node.th { "Moved on or won" }; Node.th { "Conversion" }; Node.th { "Average days in stage" } } }
                Node.tbody {
                    for row in analysis.rows {
                        Node.tr {
                            Node.td { .text(row.stage.name) }
                            Node.td(.class("number")) { .text(String(row.entered)) }
                            Node.td(.class("number")) { .text(row.stage.outcome == "open" ? String(row.advanced) : "—") }
                            Node.td(.class("number")) { .text(row.conversionPercent.map { "\($0) %" } ?? "—") }
                            Node.td(.class("number")) { .text(row.averageDaysInStage.map(String.init) ?? "—") }
                        }
                    }
                }
            }
        }
    }


    /// Which rates converted what, and the deals that could not be converted for want of a rate.
    private static func conversion(_ forecast: Forecast) -> Node {
        .section(.class("card"), .id("rates")) {
            Node.h2 { .text("Conversion into \(forecast.baseCurrency)") }
            if forecast.ratesUsed.isEmpty && forecast.withoutRate.isEmpty {
                Node.p(.class("muted")) { .text("Every deal in the period is in \(forecast.baseCurrency).") }
            }
            if !forecast.ratesUsed.isEmpty {
                Node.ul {
                    for rate in forecast.ratesUsed {
                        Node.li { .text("1 \(rate.currency) = \(rate.rate) \(forecast.baseCurrency), the rate from \(rate.validFrom), for \(rate.usedFor)") }
                    }
                }
            }
            if !forecast.withoutRate.isEmpty {
                Node.p(.class("field-error")) { "Not in the converted figures — no exchange rate recorded for their day:" }
                Node.ul {
                    for deal in forecast.withoutRate {
                        Node.li {
                            Node.a(.href(Site.deal(deal.id))) { .text(deal.name) }
                            Node.text(" · \(MinorUnits.display(deal.amountMinor, currency: deal.currency)) · needs a \(deal.currency) rate on or before \(deal.day)")
                        }
                    }
                }
            }
        }
    }

    private static func table(_ title: String, _ groups: [Forecast.Group], first: String) -> Node {
        .section(.class("card")) {
            Node.h2 { .text(title) }
            Node.table(.class("list figures")) {
                Node.thead {
                    Node.tr {
                        Node.th { .text(first) }; Node.th { "Currency" }; Node.th { "Pipeline" }; Node.th { "Best case" }
                        Node.th { "Commit" }; Node.th { "Weighted" }; Node.th { "Closed won" }
                    }
                }
                Node.tbody {
                    for group in groups {
                        if group.figures.isEmpty {
                            Node.tr { Node.td { .text(group.label) }; Node.td(.class("muted")) { "—" } }
                        }
                        // The converted total first, then each currency as recorded, when there is more than the base.
                        let detail = group.figures.count > 1 || group.figures.contains { $0.currency != group.inBase.currency }
                        if detail {
                            Node.tr(.class("total")) {
                                Node.td { Node.strong { .text(group.label) } }
                                Node.td {
                                    Node.strong { .text("All in " + group.inBase.currency) }
                                    if !group.unconverted.isEmpty { Node.span(.class("tag warn")) { .text(" without " + group.unconverted.joined(separator: ", ")) } }
                                }
                                for value in [group.inBase.pipelineMinor, group.inBase.bestCaseMinor, group.inBase.commitMinor, group.inBase.weightedMinor, group.inBase.closedWonMinor] {
                                    Node.td(.class("number")) { Node.strong { .text(MinorUnits.grouped(value, currency: group.inBase.currency)) } }
                                }
                            }
                        }
                        for figures in group.figures {
                            Node.tr {
                                Node.td { .text(detail ? "" : group.label) }
                                Node.td { .text(figures.currency) }
                                for value in [figures.pipelineMinor, figures.bestCaseMinor, figures.commitMinor, figures.weightedMinor, figures.closedWonMinor] {
                                    Node.td(.class("number")) { .text(MinorUnits.grouped(value, currency: figures.currency)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
