import Foundation

/// Runs measurements and prints them as one aligned line each: runs, median and 99th percentile.
enum BenchTiming {
    /// One untimed warm-up run, then `runs` timed ones, sorted.
    static func time(_ runs: Int, _ body: () async throws -> Void) async throws -> [Duration] {
        try await body()
        var samples: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<runs { samples.append(try await clock.measure(body)) }
        return samples.sorted()
    }

    static let header = "measurement                         runs   median      p99"

    static func row(_ name: String, _ unsorted: [Duration]) -> String {
        let samples = unsorted.sorted()
        guard !samples.isEmpty else { return name }
        let median = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.99).rounded(.up)) - 1)]
        return name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%4d", samples.count) + " "
            + milliseconds(median) + " " + milliseconds(p99)
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%8.2f ms", seconds(duration) * 1_000)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
