import Foundation

extension UUID {
    /// The same text as `uuidString` (upper-case hexadecimal, 8-4-4-4-12), made without `sprintf`, which on Linux
    /// makes `uuidString` one of the largest costs of a bulk load.
    public var uppercaseText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    out[at] = Self.hexDigits[Int(byte >> 4)]
                    out[at + 1] = Self.hexDigits[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
