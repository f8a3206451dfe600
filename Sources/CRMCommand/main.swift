import CRM
import Foundation
import Vapor

// The `crm` program: reads the configuration, then runs the command given (`serve` by default).
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)

do {
    try await configure(app, config: AppConfig.fromEnvironment())
    // `startup` rather than `execute`, which would log the error a second time with a stack of context.
    try await app.startup()
    try await app.running?.onStop.get()
    try await app.asyncShutdown()
} catch {
    // One line that names the problem: a stack trace helps nobody fix a typo in DATABASE_URL.
    FileHandle.standardError.write(Data("crm: \(errorLine(error))\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
