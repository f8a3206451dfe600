import Foundation

/// Where a stage leaves a deal: still open, won or lost.
public enum StageOutcome: String, CaseIterable, Codable, Sendable {
    case open, won, lost
}

/// Which forecast figure an open deal counts towards, set per stage by an admin.
/// Closed deals count as closed (won) or not at all (lost).
public enum ForecastCategory: String, CaseIterable, Codable, Sendable {
    case pipeline
    case bestCase = "best_case"
    case commit

    public var label: String {
        switch self {
        case .pipeline: "Pipeline"
        case .bestCase: "Best case"
        case .commit: "Commit"
        }
    }

    /// A sensible category for a stage from its default probability.
    public static func suggested(forProbability probability: Int) -> ForecastCategory {
        probability >= 90 ? .commit : probability >= 50 ? .bestCase : .pipeline
    }
}

/// The rules of moving a deal between stages.
public enum StageRules {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case reasonRequired(StageOutcome)
        case probabilityOutOfRange
        case stageOfAnotherPipeline

        public var description: String {
            switch self {
            case let .reasonRequired(outcome): "is required when a deal is \(outcome.rawValue)"
            case .probabilityOutOfRange: "must be from 0 to 100"
            case .stageOfAnotherPipeline: "belongs to another pipeline"
            }
        }
    }

    /// The probability a deal has in a stage: won is always 100 and lost 0; an open stage gives its default
    /// unless the owner set another figure.
    public static func probability(outcome: StageOutcome, stageDefault: Int, override: Int?) -> Int {
        switch outcome {
        case .won: 100
        case .lost: 0
        case .open: override ?? stageDefault
        }
    }

    /// A closed deal must say why it was won or lost, so win/loss analysis has something to read.
    public static func checkReason(outcome: StageOutcome, reason: String?) throws(Problem) {
        guard outcome != .open else { return }
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonRequired(outcome) }
    }

    public static func checkProbability(_ value: Int?) throws(Problem) {
        if let value, !(0...100).contains(value) { throw .probabilityOutOfRange }
    }

    /// A deal is stale when its close date has passed while open, or nothing has happened on it for `idleDays`.
    public static func isStale(outcome: StageOutcome, expectedClose: CalendarDate?, lastActivity: Date, today: CalendarDate,
                               now: Date, idleDays: Int) -> Bool {
        guard outcome == .open else { return false }
        if let expectedClose, expectedClose < today { return true }
        return now.timeIntervalSince(lastActivity) > Double(idleDays) * 86_400
    }
}

/// The part a person plays in one deal (which may differ from their usual buying role).
public enum DealRole: String, CaseIterable, Codable, Sendable {
    case decisionMaker = "decision_maker"
    case purchaser
    case userDepartment = "user_department"
    case technical
    case influencer
    case blocker

    public var label: String {
        switch self {
        case .decisionMaker: "Decision maker"
        case .purchaser: "Purchaser"
        case .userDepartment: "User department"
        case .technical: "Technical"
        case .influencer: "Influencer"
        case .blocker: "Blocker"
        }
    }
}
