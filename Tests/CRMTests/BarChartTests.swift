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

@Suite struct HTMLEscapingTests {
    @Test func everySpecialCharacterIsEscapedAndOtherTextKept() {
        #expect(HTMLEscaping.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(HTMLEscaping.escape("Žemaitė 李娜 காவ்யா") == "Žemaitė 李娜 காவ்யா")
        #expect(HTMLEscaping.escape("李 & 娜") == "李 &amp; 娜")
    }
}
