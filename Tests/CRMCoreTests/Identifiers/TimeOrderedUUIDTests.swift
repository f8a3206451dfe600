import CRMCore
import Foundation
import Testing

@Suite struct TimeOrderedUUIDTests {
    func bytes(_ id: UUID) -> [UInt8] { withUnsafeBytes(of: id.uuid) { Array($0) } }

    @Test func idsAreVersionSevenAndIncreaseInByteOrder() {
        var ids = TimeOrderedUUIDs(startingAt: Date(timeIntervalSince1970: 1_764_000_000), counter: 250)
        let made = (0..<600).map { _ in ids.next() }
        for pair in zip(made, made.dropFirst()) {
            #expect(bytes(pair.0).lexicographicallyPrecedes(bytes(pair.1)))
        }
        for id in made {
            #expect(id.uuidString.dropFirst(14).first == "7")
            #expect("89AB".contains(id.uuidString.dropFirst(19).first!))
        }
        #expect(Set(made).count == made.count)
    }

    @Test func theTimeLeadsSoLaterLoadsSortAfterEarlierOnes() {
        var early = TimeOrderedUUIDs(startingAt: Date(timeIntervalSince1970: 1_764_000_000), counter: 1 << 40)
        var late = TimeOrderedUUIDs(startingAt: Date(timeIntervalSince1970: 1_764_000_001))
        #expect(bytes(early.next()).lexicographicallyPrecedes(bytes(late.next())))
        #expect(early.next().uuidString.hasPrefix("019AB697-E800"), "milliseconds since 1970 in the first 48 bits")
    }
}
