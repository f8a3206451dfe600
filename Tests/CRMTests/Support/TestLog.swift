import Foundation
import Logging
import NIOConcurrencyHelpers

/// Collects every log line of the test process, so tests can check that no secret is ever logged.
enum TestLog {
    private static let lines = NIOLockedValueBox<[String]>([])
    /// The SQL each request ran, by request id (`X-Request-Id`), as the database drivers log it at debug level.
    private static let statements = NIOLockedValueBox<[String: [String]]>([:])

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

    /// The statements the request sent with `X-Request-Id: id` ran.
    static func statements(ofRequest id: String) -> [String] { statements.withLockedValue { $0[id] ?? [] } }

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
            if event.message.description == "Executing query", case let .string(request)? = all["request-id"], case let .string(sql)? = all["sql"] {
                TestLog.statements.withLockedValue { $0[request, default: []].append(sql) }
            }
        }
    }
}
