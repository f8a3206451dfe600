import Testing
@testable import CRMCore

@Suite struct SecretGeneratorTests {
    @Test func passwordsAvoidLookAlikeCharacters() {
        let passwords = (0..<50).map { _ in SecretGenerator.password() }
        #expect(Set(passwords).count == 50)
        for password in passwords {
            #expect(password.count == 16)
            #expect(!password.contains(where: { "0O1lI".contains($0) }))
        }
    }

    @Test func urlSafeSecretsNeedNoEscaping() {
        let secret = SecretGenerator.urlSafe()
        #expect(secret.count == 43)
        #expect(secret.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(SecretGenerator.urlSafe() != secret)
    }

    @Test func tokensCarryARecognisablePrefix() {
        let token = SecretGenerator.apiToken()
        #expect(token.hasPrefix("crm_"))
        #expect(token.count == 44)
    }
}

@Suite struct PageCursorTests {
    @Test func roundTripsThroughAnURLSafeString() throws {
        let cursor = PageCursor(key: "žemaitė@example.lt/+?", id: "0F0B6A1E-0000-4000-8000-000000000001")
        let encoded = cursor.encoded
        #expect(!encoded.contains(where: { "+/=".contains($0) }))
        #expect(PageCursor(encoded: encoded) == cursor)
    }

    @Test func garbageIsRejected() {
        #expect(PageCursor(encoded: "not a cursor") == nil)
        #expect(PageCursor(encoded: "") == nil)
    }
}
