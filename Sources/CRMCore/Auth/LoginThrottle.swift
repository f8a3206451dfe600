import Foundation

/// Slows down password guessing: after a number of free failures within a window,
/// every further attempt must wait, and the wait doubles with each failure.
public struct LoginThrottle: Sendable, Equatable {
    public var freeFailures: Int
    public var window: TimeInterval
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(freeFailures: Int, window: TimeInterval, baseDelay: TimeInterval, maxDelay: TimeInterval) {
        self.freeFailures = freeFailures
        self.window = window
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Failures against one account: a person mistypes a few times, a guesser many.
    public static let perAccount = LoginThrottle(freeFailures: 5, window: 15 * 60, baseDelay: 30, maxDelay: 15 * 60)
    /// Failures from one network address: an office behind one address has many users, so more are free.
    public static let perAddress = LoginThrottle(freeFailures: 20, window: 15 * 60, baseDelay: 30, maxDelay: 15 * 60)

    /// Seconds until the next attempt is allowed, or `nil` if it is allowed now.
    public func retryAfter(failures: [Date], now: Date) -> TimeInterval? {
        let recent = failures.filter { now.timeIntervalSince($0) < window }
        guard recent.count >= freeFailures, let last = recent.max() else { return nil }
        let excess = recent.count - freeFailures
        let delay = min(maxDelay, baseDelay * pow(2, Double(min(excess, 30))))
        let waited = now.timeIntervalSince(last)
        return waited >= delay ? nil : (delay - waited).rounded(.up)
    }

    /// The oldest failure that still counts; older ones may be forgotten.
    public func relevanceCutoff(now: Date) -> Date { now.addingTimeInterval(-window) }
}
