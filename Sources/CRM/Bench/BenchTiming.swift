import Foundation

/// Runs measurements and prints them as one aligned line each: runs, median, 95th and 99th percentile.
enum BenchTiming {
    /// One untimed warm-up run, then `runs` timed ones, sorted.
    static func time(_ runs: Int, _ body: () async throws -> Void) async throws -> [Duration] {
        try await body()
        var samples: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<runs { samples.append(try await clock.measure(body)) }
        return samples.sorted()
    }

    static let header = "measurement                         runs   median      p95      p99"

    static func row(_ name: String, _ unsorted: [Duration]) -> String {
        let samples = unsorted.sorted()
        guard !samples.isEmpty else { return name }
        func percentile(_ share: Double) -> Duration { samples[min(samples.count - 1, max(0, Int((Double(samples.count) * share).rounded(.up)) - 1))] }
        return name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%4d", samples.count) + " "
            + milliseconds(samples[samples.count / 2]) + " " + milliseconds(percentile(0.95)) + " " + milliseconds(percentile(0.99))
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%8.2f ms", seconds(duration) * 1_000)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
