import Foundation

/// Random secrets: passwords people type once, API tokens they paste, session ids and CSRF tokens.
public enum SecretGenerator {
    // No 0/O, 1/l/I: a printed one-time password is read off a console and typed by hand.
    static let passwordAlphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    static let tokenAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    /// 16 characters from 56 symbols: about 93 bits.
    public static func password<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<16).map { _ in passwordAlphabet.randomElement(using: &generator)! })
    }

    public static func password() -> String {
        var generator = SystemRandomNumberGenerator()
        return password(using: &generator)
    }

    /// The `crm_` prefix lets secret scanners and people recognise a leaked token; 40 characters give about 238 bits.
    public static func apiToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return "crm_" + String((0..<40).map { _ in tokenAlphabet.randomElement(using: &generator)! })
    }

    /// `byteCount` random bytes as unpadded URL-safe base64, fit for cookies, URLs and form fields.
    public static func urlSafe(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
