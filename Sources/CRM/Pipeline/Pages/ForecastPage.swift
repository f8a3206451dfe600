import CRMCore
import Vapor

/// The forecast a manager reads at a glance: a chart of the months, then the figures by month, quarter,
/// owner and pipeline.
enum ForecastPage {
    @Sendable static func show(_ request: Request) async throws -> Response {
        let filter = try Forecast.Filter(request)
        let forecast = try await Forecast.load(filter, on: request.db)
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
        ForecastCSV.response(try await Forecast.load(try Forecast.Filter(request), on: request.db))
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
        let currency = model.baseCurrency
        func figures(_ group: Forecast.Group) -> Forecast.Figures {
            group.figures.first { $0.currency == currency } ?? Forecast.Figures(currency: currency)
        }
        let chart = BarChart(
            title: "Forecast in \(currency) by month",
            categories: forecast.months.map(\.key),
            series: [
                .init(name: "Closed won", color: "#2e7d32", values: forecast.months.map { figures($0).closedWonMinor }),
                .init(name: "Commit", color: "#2457c5", values: forecast.months.map { figures($0).commitMinor }),
                .init(name: "Best case", color: "#8fb0ef", values: forecast.months.map { figures($0).bestCaseMinor }),
                .init(name: "Pipeline", color: "#d9dde5", values: forecast.months.map { figures($0).pipelineMinor }),
                .init(name: "Weighted", color: "#e65100", values: forecast.months.map { figures($0).weightedMinor }, asMarker: true),
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
                for total in forecast.totals {
                    FigureTile.render("Weighted (\(total.currency))", MinorUnits.grouped(total.weightedMinor, currency: total.currency),
                         "of \(MinorUnits.display(total.pipelineMinor, currency: total.currency)) open in \(total.openDeals) deals")
                }
            }
            Node.section(.class("card")) { chart.render() }
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
                        for figures in group.figures {
                            Node.tr {
                                Node.td { .text(group.label) }
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
