import Vapor

extension Request {
    /// Where the signed-in user reads times (UTC without a user).
    var userTimeZone: String { (try? user.timeZone) ?? "UTC" }
}
