import CRMCore
import Foundation

/// A case's two SLA clocks as `SLAClock`s, and the instants derived from them that the database sorts and searches
/// on: the deadlines shown, the queue order, and when the SLA watch next has a warning to send.
extension ServiceCase {
    enum Clock: String, CaseIterable, Sendable {
        case firstResponse = "first_response", resolution

        var label: String { self == .firstResponse ? "First response" : "Resolution" }
    }

    /// An SLA warning, recorded once per case: `first_response:risk`, `resolution:breach` …
    enum Alert: String, CaseIterable, Sendable {
        case risk, breach

        func mark(_ clock: Clock) -> String { clock.rawValue + ":" + rawValue }
    }

    func clock(_ which: Clock) -> SLAClock {
        switch which {
        case .firstResponse:
            SLAClock(target: TimeInterval(firstResponseTarget), used: TimeInterval(firstResponseUsed), runningSince: firstResponseSince, metAt: firstResponseMetAt)
        case .resolution:
            SLAClock(target: TimeInterval(resolutionTarget), used: TimeInterval(resolutionUsed), runningSince: resolutionSince, metAt: resolutionMetAt)
        }
    }

    func set(_ which: Clock, _ clock: SLAClock, settings: ServiceSettings) {
        let due = clock.deadline(in: settings.calendar)
        switch which {
        case .firstResponse:
            (firstResponseUsed, firstResponseSince, firstResponseMetAt, firstResponseDueAt) = (Int(clock.used.rounded()), clock.runningSince, clock.metAt, due)
        case .resolution:
            (resolutionUsed, resolutionSince, resolutionMetAt, resolutionDueAt) = (Int(clock.used.rounded()), clock.runningSince, clock.metAt, due)
        }
    }

    /// Applies `change` to both clocks that are not met (or to one), then re-derives the stored instants.
    func updateClocks(_ clocks: [Clock] = Clock.allCases, settings: ServiceSettings, notified: Set<String>, _ change: (inout SLAClock) -> Void) {
        for which in clocks {
            var clock = clock(which)
            change(&clock)
            set(which, clock, settings: settings)
        }
        refreshInstants(settings: settings, notified: notified)
    }

    /// The queue order and the next warning due, from the running clocks and the warnings already sent.
    func refreshInstants(settings: ServiceSettings, notified: Set<String>) {
        active = CaseStatus(rawValue: status)?.isActive ?? false
        var deadlines: [Date] = []
        var alerts: [Date] = []
        for which in Clock.allCases {
            let clock = clock(which)
            guard active, clock.state == .running else { continue }
            if let due = clock.deadline(in: settings.calendar) {
                deadlines.append(due)
                if !notified.contains(Alert.breach.mark(which)) { alerts.append(due) }
            }
            if !notified.contains(Alert.risk.mark(which)) && !notified.contains(Alert.breach.mark(which)),
               let risk = clock.riskAt(share: settings.riskShare, in: settings.calendar) {
                alerts.append(risk)
            }
        }
        queueAt = deadlines.min() ?? Self.noDeadline
        alertAt = alerts.min()
    }

    /// The warnings due at `now` and not yet sent, from the same instants as `alertAt`, so a case whose alert time
    /// has come always has one; a breach replaces the risk warning it overtook.
    func dueAlerts(at now: Date, settings: ServiceSettings, notified: Set<String>) -> [(Clock, Alert)] {
        guard active else { return [] }
        // A second's grace: the stored alert time and the one worked out again may differ in the last digits.
        let now = now.addingTimeInterval(1)
        var due: [(Clock, Alert)] = []
        for which in Clock.allCases where !notified.contains(Alert.breach.mark(which)) {
            let clock = clock(which)
            guard clock.state == .running else { continue }
            if let deadline = clock.deadline(in: settings.calendar), deadline <= now {
                due.append((which, .breach))
            } else if !notified.contains(Alert.risk.mark(which)), let risk = clock.riskAt(share: settings.riskShare, in: settings.calendar), risk <= now {
                due.append((which, .risk))
            }
        }
        return due
    }
}
