import Foundation
import Logging
import NIOConcurrencyHelpers

/// Collects every log line of the test process, so tests can check that no secret is ever logged.
enum TestLog {
    private static let lines = NIOLockedValueBox<[String]>([])

    static let install: Void = {
        LoggingSystem.bootstrap { label in
            var handler = CapturingHandler(label: label)
            handler.logLevel = .trace
            return handler
        }
    }()

    /// The server errors logged so far, to explain an unexpected 500 in a test's failure message.
    static var errors: String { lines.withLockedValue { $0.filter { $0.hasPrefix("error") }.suffix(3).joined(separator: "\n") } }

    static var all: String { lines.withLockedValue { $0.joined(separator: "\n") } }

    struct CapturingHandler: LogHandler {
        let label: String
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let entry = "\(event.level) \(label) \(event.message) \(all)"
            TestLog.lines.withLockedValue { $0.append(entry) }
        }
    }
}
