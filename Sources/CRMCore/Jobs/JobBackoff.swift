import Foundation

/// How long a failed job waits before its next attempt: a minute, then four times longer each time, at most six
/// hours, so a mail server down for an afternoon is retried a few times rather than hammered or given up on.
public enum JobBackoff {
    public static let first: TimeInterval = 60
    public static let longest: TimeInterval = 6 * 3_600

    /// The wait after the given number of failed attempts (1 for the first failure).
    public static func delay(afterFailedAttempts attempts: Int) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 10)))
        return min(first * pow(4, exponent), longest)
    }
}
