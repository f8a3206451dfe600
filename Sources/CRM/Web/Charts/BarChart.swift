import Foundation

/// A grouped bar chart drawn as SVG on the server: one group per category (a month), one bar per series,
/// and optional line series drawn as markers. Labels are escaped; the result goes into pages as trusted markup.
struct BarChart {
    struct Series {
        let name: String
        /// A CSS colour.
        let color: String
        /// One value per category, in minor units.
        let values: [Int64]
        var asMarker = false
    }

    let title: String
    let categories: [String]
    let series: [Series]
    var valueLabel: (Int64) -> String = { String($0) }
    var width = 860
    var height = 320

    func render() -> Node {
        let left = 80.0, right = 20.0, top = 30.0, bottom = 60.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let maxValue = max(1, series.flatMap(\.values).max() ?? 1)
        let scale = Self.niceCeiling(maxValue)
        let groupWidth = plotWidth / Double(max(1, categories.count))
        let bars = series.filter { !$0.asMarker }
        let barWidth = groupWidth * 0.8 / Double(max(1, bars.count))

        func y(_ value: Int64) -> Double { top + plotHeight - plotHeight * Double(value) / Double(scale) }
        func esc(_ text: String) -> String { HTMLEscaping.escape(text) }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(esc(title))\" class=\"chart\">"
        svg += "<title>\(esc(title))</title>"
        for step in 0...4 {
            let value = scale * Int64(step) / 4
            let lineY = y(value)
            svg += "<line x1=\"\(left)\" x2=\"\(Double(width) - right)\" y1=\"\(lineY)\" y2=\"\(lineY)\" stroke=\"#e1e4ea\"/>"
            svg += "<text x=\"\(left - 8)\" y=\"\(lineY + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6475\">\(esc(valueLabel(value)))</text>"
        }
        for (index, category) in categories.enumerated() {
            let groupX = left + Double(index) * groupWidth + groupWidth * 0.1
            for (barIndex, bar) in bars.enumerated() where index < bar.values.count {
                let value = bar.values[index]
                let barX = groupX + Double(barIndex) * barWidth
                svg += "<rect x=\"\(barX)\" y=\"\(y(value))\" width=\"\(barWidth * 0.9)\" height=\"\(max(0, y(0) - y(value)))\" fill=\"\(bar.color)\">"
                svg += "<title>\(esc(category)) · \(esc(bar.name)): \(esc(valueLabel(value)))</title></rect>"
            }
            for marker in series where marker.asMarker && index < marker.values.count {
                let value = marker.values[index]
                let centre = left + (Double(index) + 0.5) * groupWidth
                svg += "<line x1=\"\(centre - groupWidth * 0.42)\" x2=\"\(centre + groupWidth * 0.42)\" y1=\"\(y(value))\" y2=\"\(y(value))\" stroke=\"\(marker.color)\" stroke-width=\"3\">"
                svg += "<title>\(esc(category)) · \(esc(marker.name)): \(esc(valueLabel(value)))</title></line>"
            }
            svg += "<text x=\"\(left + (Double(index) + 0.5) * groupWidth)\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1d2433\">\(esc(category))</text>"
        }
        var legendX = left
        for item in series {
            svg += "<rect x=\"\(legendX)\" y=\"\(Double(height) - 22)\" width=\"12\" height=\"12\" fill=\"\(item.color)\"/>"
            svg += "<text x=\"\(legendX + 16)\" y=\"\(Double(height) - 12)\" font-size=\"12\" fill=\"#1d2433\">\(esc(item.name))</text>"
            legendX += 28 + Double(item.name.count) * 7
        }
        svg += "</svg>"
        return .trusted(svg)
    }

    /// The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so grid lines fall on round numbers.
    static func niceCeiling(_ value: Int64) -> Int64 {
        var magnitude: Int64 = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor: Int64 in [1, 2, 5, 10] where magnitude * factor >= value { return magnitude * factor }
        return magnitude * 10
    }
}
