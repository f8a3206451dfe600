import Foundation

/// Version 7 UUIDs (RFC 9562) that increase in byte order: the start time in milliseconds, then a counter.
/// A bulk load keyed by them appends to the primary-key index instead of writing all over it.
public struct TimeOrderedUUIDs: Sendable {
    private let millisecondBytes: [UInt8]
    private var counter: UInt64

    public init(startingAt date: Date, counter: UInt64 = 0) {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1_000))
        millisecondBytes = (0..<6).map { UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * $0)) }
        self.counter = counter
    }

    /// The next UUID; 74 bits of counter follow the time, far more than any load needs.
    public mutating func next() -> UUID {
        let value = counter
        counter += 1
        var bytes = millisecondBytes + [UInt8](repeating: 0, count: 10)
        // Byte 6 holds the version in its high half; byte 8 the variant (10xx) in its top bits.
        bytes[6] = 0x70
        bytes[8] = 0x80
        for index in 0..<7 { bytes[15 - index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
        bytes[8] |= UInt8(truncatingIfNeeded: value >> 56) & 0x3F
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
