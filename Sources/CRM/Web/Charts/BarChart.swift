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
        let left = 80.0, right = 20.0, top = 30.0
        let groupWidth = (Double(width) - left - right) / Double(max(1, categories.count))
        let labels = CategoryLabels(categories, groupWidth: groupWidth)
        let bottom = 42.0 + labels.extraHeight
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let values = series.flatMap(\.values)
        // Losses go below the axis: the scale spans from the lowest negative value to the highest positive one.
        let upper = Self.niceCeiling(max(1, values.max() ?? 1))
        let lower = (values.min() ?? 0) < 0 ? -Self.niceCeiling(-(values.min() ?? 0)) : 0
        let bars = series.filter { !$0.asMarker }
        let barWidth = groupWidth * 0.8 / Double(max(1, bars.count))

        func y(_ value: Int64) -> Double { top + plotHeight * Double(upper - value) / Double(upper - lower) }
        func esc(_ text: String) -> String { HTMLEscaping.escape(text) }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(esc(title))\" class=\"chart\">"
        svg += "<title>\(esc(title))</title>"
        let steps = lower < 0 ? [lower, lower / 2, 0, upper / 2, upper] : (0...4).map { upper * Int64($0) / 4 }
        for value in steps {
            let lineY = y(value)
            svg += "<line x1=\"\(left)\" x2=\"\(Double(width) - right)\" y1=\"\(lineY)\" y2=\"\(lineY)\" stroke=\"\(value == 0 ? "#9aa3b2" : "#e1e4ea")\"/>"
            svg += "<text x=\"\(left - 8)\" y=\"\(lineY + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6475\">\(esc(valueLabel(value)))</text>"
        }
        for (index, category) in categories.enumerated() {
            let groupX = left + Double(index) * groupWidth + groupWidth * 0.1
            for (barIndex, bar) in bars.enumerated() where index < bar.values.count {
                let value = bar.values[index]
                let barX = groupX + Double(barIndex) * barWidth
                svg += "<rect x=\"\(barX)\" y=\"\(min(y(value), y(0)))\" width=\"\(barWidth * 0.9)\" height=\"\(abs(y(0) - y(value)))\" fill=\"\(bar.color)\">"
                svg += "<title>\(esc(category)) · \(esc(bar.name)): \(esc(valueLabel(value)))</title></rect>"
            }
            for marker in series where marker.asMarker && index < marker.values.count {
                let value = marker.values[index]
                let centre = left + (Double(index) + 0.5) * groupWidth
                svg += "<line x1=\"\(centre - groupWidth * 0.42)\" x2=\"\(centre + groupWidth * 0.42)\" y1=\"\(y(value))\" y2=\"\(y(value))\" stroke=\"\(marker.color)\" stroke-width=\"3\">"
                svg += "<title>\(esc(category)) · \(esc(marker.name)): \(esc(valueLabel(value)))</title></line>"
            }
            svg += labels.text(index, x: left + (Double(index) + 0.5) * groupWidth, y: top + plotHeight + 18)
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

    /// Category labels that never overlap: each fits the width of its group, shortened with "…" when it does not (the
    /// whole name shows on hover); when groups are too narrow for a few letters, labels turn to run diagonally.
    struct CategoryLabels {
        /// About 7 units per character at the 12-unit font.
        static let characterWidth = 7.0
        let categories: [String]
        let rotated: Bool
        let maxCharacters: Int

        init(_ categories: [String], groupWidth: Double) {
            self.categories = categories
            let fitting = Int(groupWidth * 0.95 / Self.characterWidth)
            rotated = fitting < 6 && categories.contains { $0.count > fitting }
            // Diagonal labels have the space below the plot; horizontal ones their group's width.
            maxCharacters = rotated ? 16 : max(1, fitting)
        }

        /// The height diagonal labels need below the plot.
        var extraHeight: Double { rotated ? Double(maxCharacters) * Self.characterWidth * 0.65 : 0 }

        func shown(_ index: Int) -> String {
            let label = categories[index]
            return label.count <= maxCharacters ? label : String(label.prefix(max(1, maxCharacters - 1))) + "…"
        }

        func text(_ index: Int, x: Double, y: Double) -> String {
            let full = HTMLEscaping.escape(categories[index])
            let shown = HTMLEscaping.escape(self.shown(index))
            let placement = rotated ? "text-anchor=\"end\" transform=\"rotate(-40 \(x) \(y - 8))\"" : "text-anchor=\"middle\""
            return "<text x=\"\(x)\" y=\"\(y)\" \(placement) font-size=\"12\" fill=\"#1d2433\"><title>\(full)</title>\(shown)</text>"
        }
    }

    /// The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so grid lines fall on round numbers.
    static func niceCeiling(_ value: Int64) -> Int64 {
        var magnitude: Int64 = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor: Int64 in [1, 2, 5, 10] where magnitude * factor >= value { return magnitude * factor }
        return magnitude * 10
    }
}
