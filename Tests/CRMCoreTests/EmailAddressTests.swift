import Testing
@testable import CRMCore

@Suite struct EmailAddressTests {
    @Test func addressesAreTrimmedAndLowerCased() {
        #expect(EmailAddress("  Ona.Zemaite@Example.LT ")?.value == "ona.zemaite@example.lt")
        #expect(EmailAddress("x+tag@sub.example.co.za")?.value == "x+tag@sub.example.co.za")
    }

    @Test(arguments: ["", "no-at", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@example..com", "a@-x.com", "Ona <ona@example.lt>"])
    func invalidAddressesAreRejected(raw: String) {
        #expect(EmailAddress(raw) == nil)
    }
}
