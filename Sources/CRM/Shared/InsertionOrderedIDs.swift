import CRMCore
import Foundation
import NIOConcurrencyHelpers

/// Ids that sort in the order this process made them (time first, then a counter), for rows written in the same
/// instant by the app's clock that must still read back in the order they were written (a case's timeline).
enum InsertionOrderedIDs {
    private static let counter = NIOLockedValueBox<UInt64>(0)

    static func next() -> UUID {
        let count = counter.withLockedValue { value -> UInt64 in
            value += 1
            return value
        }
        var ids = TimeOrderedUUIDs(startingAt: Date(), counter: count)
        return ids.next()
    }
}
