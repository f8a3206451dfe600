import Testing
@testable import CRMCore

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("+370 612 34567", "LT", "+37061234567"),
        ("8 612 34567", "LT", "+37061234567"),
        ("0612 34567", "LT", "+37061234567"),
        ("00370-612-34567", "US", "+37061234567"),
        ("(212) 555-0123", "US", "+12125550123"),
        ("1-212-555-0123", "US", "+12125550123"),
        ("212.555.0123", "US", "+12125550123"),
        ("011 27 21 555 1234", "US", "+27215551234"),
        ("021 555 1234", "ZA", "+27215551234"),
        ("+27 (0)21 555 1234", "ZA", "+27215551234"),
        ("010 1234 5678", "CN", "+861012345678"),
        ("138 0013 8000", "CN", "+8613800138000"),
        ("912 345 678", "ES", "+34912345678"),
        ("044 2345 6789", "IN", "+914423456789"),
        ("+44 20 7946 0958", "DE", "+442079460958"),
        ("  +49 (0) 30/123456  ", "DE", "+4930123456"),
    ])
    func commonWritingsBecomeE164(raw: String, country: String, expected: String) throws {
        #expect(try PhoneNumber(raw, defaultCountry: country).e164 == expected)
    }

    /// Caller ids as telephone systems and click-to-dial links send them.
    @Test(arguments: [
        ("tel:+370-612-34526", "US", "+37061234526", nil),
        ("TEL:+370 612 34526", "US", "+37061234526", nil),
        ("tel:+370-5-212-3456;ext=12", "US", "+37052123456", "12"),
        ("tel:612-34526;phone-context=+370", "US", "+37061234526", nil),
        ("tel:0612-34526;phone-context=+370", "LT", "+37061234526", nil),
        ("sip:+37061234526@pbx.example.com;user=phone", "US", "+37061234526", nil),
        ("sips:%2B37061234526@pbx.example.com", "US", "+37061234526", nil),
        ("\"Ona Petraitė\" <sip:+37061234526@pbx.example.com;user=phone>", "US", "+37061234526", nil),
        ("<sip:0612 34526@10.0.0.1>", "LT", "+37061234526", nil),
    ] as [(String, String, String, String?)])
    func callerIDURIsCarryTheirNumber(raw: String, country: String, expected: String, ext: String?) throws {
        let number = try PhoneNumber(raw, defaultCountry: country)
        #expect(number.e164 == expected && number.extension == ext)
    }

    @Test func aURIWithoutANumberIsRefused() {
        #expect(throws: PhoneNumber.Problem.self) { try PhoneNumber("sip:reception@pbx.example.com", defaultCountry: "LT") }
        #expect(throws: PhoneNumber.Problem.empty) { try PhoneNumber("tel:", defaultCountry: "LT") }
    }

    @Test func extensionsAreKeptApart() throws {
        for raw in ["+370 5 212 3456 ext. 12", "+370 5 212 3456 x12", "+370 5 212 3456 #12", "+370 5 212 3456 ext 12"] {
            let number = try PhoneNumber(raw, defaultCountry: "LT")
            #expect(number.e164 == "+37052123456")
            #expect(number.extension == "12")
        }
        #expect(try PhoneNumber("+370 5 212 3456", defaultCountry: "LT").extension == nil)
    }

    @Test func countryCodeIsKept() throws {
        #expect(try PhoneNumber("+370 612 34567", defaultCountry: "LT").countryCode == "370")
    }

    @Test(arguments: [
        ("", PhoneNumber.Problem.empty),
        ("   ", .empty),
        ("call me", .invalidCharacters),
        ("+370 612 3456a", .invalidCharacters),
        ("++370 612 34567", .invalidCharacters),
        ("612+345", .invalidCharacters),
        ("12", .tooShort),
        ("+1 555", .tooShort),
        ("+370 612 34567 89012 345", .tooLong),
        ("+999 123 456 789", .unknownCountryCode),
    ])
    func badInputIsAFieldErrorNotACrash(raw: String, problem: PhoneNumber.Problem) {
        #expect(throws: problem) { try PhoneNumber(raw, defaultCountry: "LT") }
    }

    @Test func anUnknownDefaultCountryIsReported() throws {
        #expect(throws: PhoneNumber.Problem.unknownDefaultCountry("XX")) { try PhoneNumber("612 34567", defaultCountry: "XX") }
        #expect(try PhoneNumber("+37061234567", defaultCountry: "XX").e164 == "+37061234567")
    }

    @Test func problemsReadAfterAFieldName() {
        #expect(PhoneNumber.Problem.tooShort.description == "is too short to be a telephone number")
    }
}
