import CRMCore
import Foundation
import Testing

@Suite struct UUIDTextTests {
    @Test func uppercaseTextIsTheUUIDString() {
        let fixed = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                     UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
                     UUID(uuidString: "0123ABCD-4567-89EF-FEDC-BA9876543210")!]
        for id in fixed + (0..<500).map({ _ in UUID() }) {
            #expect(id.uppercaseText == id.uuidString)
        }
    }
}
