/// Random secrets handed to people: passwords they type once and API tokens they paste.
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
}
