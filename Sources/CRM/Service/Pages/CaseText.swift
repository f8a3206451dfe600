import CRMCore
import Foundation

/// How cases and their SLA clocks read on pages.
enum CaseText {
    /// `3 h 20 min`, `38 h`: working time in hours, never days, since a working day is not 24 hours.
    static func minutes(_ value: Int) -> String {
        let total = abs(value)
        let (hours, minutes) = (total / 60, total % 60)
        var parts: [String] = []
        if hours > 0 { parts.append("\(hours) h") }
        if minutes > 0 || parts.isEmpty { parts.append("\(minutes) min") }
        return parts.joined(separator: " ")
    }

    /// What a clock says to the person working the case: time left, or how late.
    static func clock(_ clock: CaseDTO.Clock) -> String {
        switch SLAClock.Standing(rawValue: clock.standing) ?? .onTrack {
        case .met: "met"
        case .metLate: "met late, \(minutes(clock.usedMinutes - clock.targetMinutes)) over"
        case .paused: "paused, \(minutes(clock.remainingMinutes)) left"
        case .breached: "breached \(minutes(clock.remainingMinutes)) ago"
        case .atRisk: "at risk, \(minutes(clock.remainingMinutes)) left"
        case .onTrack: "\(minutes(clock.remainingMinutes)) left"
        }
    }

    /// The tag class a standing is drawn with.
    static func tagClass(_ standing: String) -> String {
        switch SLAClock.Standing(rawValue: standing) ?? .onTrack {
        case .breached, .metLate: "tag warn"
        case .atRisk: "tag risk"
        default: "tag"
        }
    }

    /// The clock that matters now: the first response until it is met, then the resolution.
    static func current(_ item: CaseDTO) -> (String, CaseDTO.Clock) {
        let first = SLAClock.Standing(rawValue: item.firstResponse.standing)
        return first == .met || first == .metLate ? ("Resolution", item.resolution) : ("First response", item.firstResponse)
    }
}
