import Foundation

/// One SLA target of a case (first response or resolution) counted in working time: it runs from the case's
/// opening, pauses while the case waits on the customer and stops when the target is met. What it stores is what a
/// database can sort and search on: the working seconds used before the current run, and while running, the instants
/// at which it comes at risk and is breached.
public struct SLAClock: Sendable, Equatable, Codable {
    public enum State: String, Sendable, CaseIterable, Codable {
        case running, paused, met
    }

    /// The target, in working seconds.
    public let target: TimeInterval
    /// Working seconds used before `runningSince`.
    public private(set) var used: TimeInterval
    /// When the current run began; nil while paused or met.
    public private(set) var runningSince: Date?
    public private(set) var metAt: Date?

    public init(target: TimeInterval, startedAt: Date) {
        self.target = target
        self.used = 0
        self.runningSince = startedAt
    }

    public init(target: TimeInterval, used: TimeInterval, runningSince: Date?, metAt: Date?) {
        (self.target, self.used, self.runningSince, self.metAt) = (target, used, runningSince, metAt)
    }

    public var state: State { metAt != nil ? .met : runningSince == nil ? .paused : .running }

    /// Working seconds used by `now`.
    public func used(at now: Date, in calendar: BusinessCalendar) -> TimeInterval {
        guard let since = runningSince else { return used }
        return used + calendar.workingSeconds(from: since, to: now)
    }

    /// Working seconds left at `now`; negative once breached.
    public func remaining(at now: Date, in calendar: BusinessCalendar) -> TimeInterval {
        target - used(at: now, in: calendar)
    }

    /// When the target is breached, while the clock runs.
    public func deadline(in calendar: BusinessCalendar) -> Date? {
        instant(whenUsed: target, in: calendar)
    }

    /// When `share` (0–1) of the target is used, while the clock runs: the moment the case is *at risk*.
    public func riskAt(share: Double, in calendar: BusinessCalendar) -> Date? {
        instant(whenUsed: (target * share).rounded(), in: calendar)
    }

    private func instant(whenUsed amount: TimeInterval, in calendar: BusinessCalendar) -> Date? {
        guard let since = runningSince else { return nil }
        return calendar.adding(max(0, amount - used), to: since)
    }

    public mutating func pause(at now: Date, in calendar: BusinessCalendar) {
        guard runningSince != nil else { return }
        used = used(at: now, in: calendar)
        runningSince = nil
    }

    public mutating func resume(at now: Date) {
        guard state == .paused else { return }
        runningSince = now
    }

    /// The target is met (the first answer went out, the case was resolved); `breached` keeps whether it was late.
    public mutating func meet(at now: Date, in calendar: BusinessCalendar) {
        guard metAt == nil else { return }
        used = used(at: now, in: calendar)
        runningSince = nil
        metAt = now
    }

    /// A met clock counts again from where it stopped (a resolved case reopened).
    public mutating func reopen(at now: Date) {
        guard metAt != nil else { return }
        metAt = nil
        runningSince = now
    }

    /// The case as its list shows it.
    public enum Standing: String, Sendable, CaseIterable, Codable {
        case onTrack = "on track", atRisk = "at risk", breached, paused, met, metLate = "met late"
    }

    public func standing(at now: Date, riskShare: Double, in calendar: BusinessCalendar) -> Standing {
        let used = used(at: now, in: calendar)
        switch state {
        case .met: return used > target ? .metLate : .met
        case .paused: return used >= target ? .breached : .paused
        case .running: return used >= target ? .breached : used >= target * riskShare ? .atRisk : .onTrack
        }
    }
}
