import CRMCore
import Fluent
import Vapor

/// `crm user create --email … --name … --role …`
struct UserCommand: AsyncCommandGroup {
    let commands: [String: any AnyAsyncCommand] = ["create": CreateUserCommand()]
    var help: String { "Manage user accounts." }
}

struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Sign-in email address") var email: String?
        @Option(name: "name", help: "Full name") var name: String?
        @Option(name: "role", help: "admin, manager, sales or service") var role: String?
        @Option(name: "time-zone", help: "IANA time zone, default UTC") var timeZone: String?
        init() {}
    }

    var help: String { "Creates a user and prints their generated password once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let missing = [("--email", signature.email), ("--name", signature.name), ("--role", signature.role)].filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else { throw CommandFailure("missing \(missing.joined(separator: ", ")); e.g. crm user create --email ona@example.lt --name \"Ona Žemaitė\" --role sales") }
        do {
            let created = try await app.users.create(.init(email: signature.email!, name: signature.name!, role: signature.role!,
                                                           timeZone: signature.timeZone ?? "UTC"))
            context.console.print("Created \(created.user.role.rawValue) \(created.user.email)")
            context.console.print("Password (shown once): \(created.password)")
        } catch let error as APIError where !error.fields.isEmpty {
            throw CommandFailure(error.fields.sorted { $0.key < $1.key }.map { "--\($0.key) \($0.value)" }.joined(separator: "; "))
        }
    }
}

/// `crm token create --email … --name …`
struct TokenCommand: AsyncCommandGroup {
    let commands: [String: any AnyAsyncCommand] = ["create": CreateTokenCommand()]
    var help: String { "Manage personal API tokens." }
}

struct CreateTokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Whose token it is") var email: String?
        @Option(name: "name", help: "What will use it, e.g. \"phone system\"") var name: String?
        init() {}
    }

    var help: String { "Creates an API token for a user and prints it once." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let raw = signature.email, let email = EmailAddress(raw) else { throw CommandFailure("--email must be a user's email address") }
        let name = (signature.name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else { throw CommandFailure("--name must be 1 to 100 characters") }
        guard let user = try await User.query(on: app.db).filter(\.$email == email.value).first() else {
            throw CommandFailure("no user has the email \(email.value)")
        }
        guard !user.isDisabled else { throw CommandFailure("\(email.value) is disabled") }
        let token = try await TokenIssuer.issue(for: user, name: name, on: app.db)
        context.console.print("Token for \(user.email) (shown once): \(token)")
    }
}

/// An error a command reports in one line, without a stack trace.
public struct CommandFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
