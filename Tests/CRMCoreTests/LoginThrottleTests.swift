import Foundation
import Testing
@testable import CRMCore

@Suite struct LoginThrottleTests {
    let throttle = LoginThrottle(freeFailures: 3, window: 600, baseDelay: 10, maxDelay: 100)
    let now = Date(timeIntervalSince1970: 1_000_000)

    func failures(_ secondsAgo: Double...) -> [Date] { secondsAgo.map { now.addingTimeInterval(-$0) } }

    @Test func fewFailuresAreFree() {
        #expect(throttle.retryAfter(failures: [], now: now) == nil)
        #expect(throttle.retryAfter(failures: failures(1, 2), now: now) == nil)
    }

    @Test func reachingTheLimitImposesTheBaseDelay() {
        #expect(throttle.retryAfter(failures: failures(1, 2, 3), now: now) == 9)
        #expect(throttle.retryAfter(failures: failures(10, 20, 30), now: now) == nil)
    }

    @Test func theDelayDoublesAndIsCapped() {
        #expect(throttle.retryAfter(failures: failures(0, 1, 2, 3), now: now) == 20)
        #expect(throttle.retryAfter(failures: failures(0, 1, 2, 3, 4), now: now) == 40)
        #expect(throttle.retryAfter(failures: Array(repeating: now, count: 50), now: now) == 100)
    }

    @Test func failuresOutsideTheWindowAreForgotten() {
        #expect(throttle.retryAfter(failures: failures(0, 700, 800, 900), now: now) == nil)
        #expect(throttle.relevanceCutoff(now: now) == now.addingTimeInterval(-600))
    }
}
