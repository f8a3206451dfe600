import Foundation
import Testing
@testable import CRMCore

@Suite struct StageRulesTests {
    @Test func probabilityFollowsTheStageUnlessOverridden() {
        #expect(StageRules.probability(outcome: .open, stageDefault: 40, override: nil) == 40)
        #expect(StageRules.probability(outcome: .open, stageDefault: 40, override: 65) == 65)
        #expect(StageRules.probability(outcome: .won, stageDefault: 40, override: 65) == 100)
        #expect(StageRules.probability(outcome: .lost, stageDefault: 40, override: 65) == 0)
    }

    @Test func closingNeedsAReason() throws {
        #expect(throws: StageRules.Problem.reasonRequired(.lost)) { try StageRules.checkReason(outcome: .lost, reason: "  ") }
        #expect(throws: StageRules.Problem.reasonRequired(.won)) { try StageRules.checkReason(outcome: .won, reason: nil) }
        try StageRules.checkReason(outcome: .won, reason: "Best total cost")
        try StageRules.checkReason(outcome: .open, reason: nil)
    }

    @Test func probabilitiesStayWithinZeroAndHundred() throws {
        #expect(throws: StageRules.Problem.probabilityOutOfRange) { try StageRules.checkProbability(101) }
        #expect(throws: StageRules.Problem.probabilityOutOfRange) { try StageRules.checkProbability(-1) }
        try StageRules.checkProbability(0)
        try StageRules.checkProbability(nil)
    }

    @Test func staleDealsArePastTheirDateOrIdle() {
        let now = Date(timeIntervalSince1970: 2_000_000_000)
        let today = CalendarDate("2033-05-18")!
        #expect(StageRules.isStale(outcome: .open, expectedClose: CalendarDate("2033-05-17"), lastActivity: now, today: today, now: now, idleDays: 30))
        #expect(!StageRules.isStale(outcome: .open, expectedClose: today, lastActivity: now, today: today, now: now, idleDays: 30))
        #expect(StageRules.isStale(outcome: .open, expectedClose: nil, lastActivity: now - 31 * 86_400, today: today, now: now, idleDays: 30))
        #expect(!StageRules.isStale(outcome: .won, expectedClose: CalendarDate("2020-01-01"), lastActivity: now - 999 * 86_400, today: today, now: now, idleDays: 30))
    }

    @Test func categoriesAreSuggestedFromProbability() {
        #expect(ForecastCategory.suggested(forProbability: 10) == .pipeline)
        #expect(ForecastCategory.suggested(forProbability: 60) == .bestCase)
        #expect(ForecastCategory.suggested(forProbability: 90) == .commit)
    }
}

@Suite struct ForecastMathTests {
    @Test func weightingRoundsHalfAwayFromZero() {
        #expect(ForecastMath.weighted(amountMinor: 100_000, probability: 25) == 25_000)
        #expect(ForecastMath.weighted(amountMinor: 333, probability: 50) == 167)
        #expect(ForecastMath.weighted(amountMinor: 101, probability: 10) == 10)
        #expect(ForecastMath.weighted(amountMinor: 105, probability: 10) == 11)
        #expect(ForecastMath.weighted(amountMinor: 999, probability: 0) == 0)
    }

    @Test func winRateIsWholePercent() {
        #expect(ForecastMath.winRate(won: 1, lost: 2) == 33)
        #expect(ForecastMath.winRate(won: 2, lost: 1) == 67)
        #expect(ForecastMath.winRate(won: 0, lost: 0) == nil)
    }

    @Test func monthsAndQuarters() {
        #expect(ForecastMath.months(from: "2026-11", to: "2027-02") == ["2026-11", "2026-12", "2027-01", "2027-02"])
        #expect(ForecastMath.months(from: "2027-02", to: "2026-11") == [])
        #expect(ForecastMath.quarter(ofMonth: "2026-11") == "2026-Q4")
        #expect(ForecastMath.quarter(ofMonth: "2027-01") == "2027-Q1")
        #expect(ForecastMath.quarters(ofMonths: ForecastMath.months(from: "2026-12", to: "2027-05")) == ["2026-Q4", "2027-Q1", "2027-Q2"])
    }
}

@Suite struct StageOrderTests {
    @Test func aNewOpenStageGoesBeforeTheClosingStages() {
        #expect(StageOrder.insertionIndex(of: .open, among: [.open, .open, .won, .lost]) == 2)
        #expect(StageOrder.insertionIndex(of: .open, among: [.won, .lost]) == 0)
        #expect(StageOrder.insertionIndex(of: .lost, among: [.open, .won, .lost]) == 3)
        #expect(StageOrder.insertionIndex(of: .open, among: []) == 0)
    }

    @Test func movingAStageKeepsTheOthersInOrder() {
        #expect(StageOrder.moving("c", to: 0, in: ["a", "b", "c", "d"]) == ["c", "a", "b", "d"])
        #expect(StageOrder.moving("a", to: 2, in: ["a", "b", "c", "d"]) == ["b", "c", "a", "d"])
        #expect(StageOrder.moving("d", to: 9, in: ["a", "b", "c", "d"]) == ["a", "b", "c", "d"])
        #expect(StageOrder.moving("b", to: -1, in: ["a", "b", "c"]) == ["b", "a", "c"])
    }

    @Test func aPipelineKeepsAnOpenAWonAndALostStage() throws {
        #expect(throws: StageOrder.RemovalProblem.lastOfItsKind(.won)) { try StageOrder.checkRemoval(of: .won, among: [.open, .won, .lost]) }
        #expect(throws: StageOrder.RemovalProblem.lastOfItsKind(.open)) { try StageOrder.checkRemoval(of: .open, among: [.open, .won, .lost]) }
        try StageOrder.checkRemoval(of: .open, among: [.open, .open, .won, .lost])
    }
}
