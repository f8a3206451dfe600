import CRMCore
import Foundation
import Testing

@Suite struct HexTextTests {
    @Test func lowercaseHexMatchesPrintf() {
        let bytes: [UInt8] = [0, 1, 0x0f, 0x10, 0x7f, 0x80, 0xab, 0xff]
        #expect(HexText.lowercase(bytes) == "00010f107f80abff")
        #expect(HexText.lowercase(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(HexText.lowercase([UInt8]()) == "")
    }
}
