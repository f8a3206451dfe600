import Testing
@testable import CRM

@Suite struct BarChartTests {
    @Test func gridLinesFallOnRoundNumbers() {
        #expect(BarChart.niceCeiling(1) == 1)
        #expect(BarChart.niceCeiling(7) == 10)
        #expect(BarChart.niceCeiling(130) == 200)
        #expect(BarChart.niceCeiling(4_999) == 5_000)
        #expect(BarChart.niceCeiling(5_001) == 10_000)
    }

    @Test func labelsAreEscapedAndEveryValueHasABar() {
        let chart = BarChart(title: "Q4 <forecast>", categories: ["2026-11", "2026-12"],
                             series: [.init(name: "Won & lost", color: "#000", values: [5, 10]),
                                      .init(name: "Weighted", color: "#f00", values: [3, 4], asMarker: true)])
        let svg = chart.render().render()
        #expect(svg.contains("Q4 &lt;forecast&gt;"))
        #expect(svg.contains("Won &amp; lost"))
        #expect(!svg.contains("<forecast>"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 2 + 2)
    }
}

@Suite struct BarChartLabelTests {
    func labels(_ svg: String) -> [String] {
        svg.matches(of: /<text [^>]*><title>[^<]*<\/title>([^<]*)<\/text>/).map { String($0.1) }
    }

    @Test func longNamesAreShortenedToTheirGroupWithTheWholeNameOnHover() {
        let names = (1...10).map { "Ūkininkų kooperatyvas Nr. \($0) Žemaitija" }
        let svg = BarChart(title: "Profit", categories: names, series: [.init(name: "Profit", color: "#000", values: Array(repeating: 5, count: 10))])
            .render().render()
        let shown = labels(svg)
        #expect(shown.count == 10)
        // Ten groups share 760 units: 76 each, room for 10 characters of about 7 units.
        #expect(shown.allSatisfy { $0.count <= 10 && $0.hasSuffix("…") })
        #expect(svg.contains("<title>Ūkininkų kooperatyvas Nr. 3 Žemaitija</title>"))
    }

    @Test func manyCategoriesTurnTheirLabelsDiagonal() {
        let months = (1...36).map { String(format: "2026-%02d", $0) }
        let svg = BarChart(title: "Months", categories: months, series: [.init(name: "Revenue", color: "#000", values: Array(repeating: 1, count: 36))])
            .render().render()
        #expect(svg.contains("rotate(-40"))
    }

    @Test func lossesAreDrawnBelowTheAxis() {
        let chart = BarChart(title: "Profit", categories: ["A", "B"], series: [.init(name: "Profit", color: "#000", values: [1_000, -400])])
        let svg = chart.render().render()
        let rects = svg.matches(of: /<rect x="[^"]*" y="([^"]*)" width="[^"]*" height="([^"]*)"/).map { (Double($0.1)!, Double($0.2)!) }
        #expect(rects.count == 2 + 1)
        let (gainTop, gainHeight) = rects[0], (lossTop, lossHeight) = rects[1]
        #expect(abs(gainTop + gainHeight - lossTop) < 0.001, "the loss starts where the gain ends: at the zero line")
        #expect(lossHeight > 0 && gainHeight > lossHeight)
    }
}

@Suite struct HTMLEscapingTests {
    @Test func everySpecialCharacterIsEscapedAndOtherTextKept() {
        #expect(HTMLEscaping.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLEscaping.escape("Žemaitė 李娜 காவ்யா") == "Žemaitė 李娜 காவ்யா")
        #expect(HTMLEscaping.escape("李 & 娜") == "李 &amp; 娜")
    }
}
