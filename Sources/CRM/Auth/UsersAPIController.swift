import CRMCore
import Fluent
import Vapor

/// `/api/v1/me` and the user directory, which later areas use to pick owners.
enum UsersAPIController {
    struct UserDTO: Content {
        let id: UUID
        let email: String
        let name: String
        let role: Role
        let isDisabled: Bool
        let timeZone: String
        let createdAt: Date?

        init(_ user: User) {
            id = user.id!
            email = user.email
            name = user.name
            role = user.role
            isDisabled = user.isDisabled
            timeZone = user.timeZone
            createdAt = user.createdAt
        }

        static let schema = JSONSchema.object([
            ("id", .uuid), ("email", .email), ("name", .string()),
            ("role", .string(enumeration: Role.allCases.map(\.rawValue))),
            ("isDisabled", .boolean), ("timeZone", .string(description: "IANA time zone")),
            ("createdAt", .dateTime),
        ], required: ["id", "email", "name", "role", "isDisabled", "timeZone"])
    }

    /// The user the token belongs to.
    @Sendable static func me(_ request: Request) async throws -> UserDTO {
        UserDTO(try request.user)
    }

    /// Everyone who can be named as an owner, ordered by name; paged.
    @Sendable static func list(_ request: Request) async throws -> ListPage<UserDTO> {
        let paging = try PageRequest(from: request)
        let rows = try await Keyset.page(User.query(on: request.db), by: "name", paging: paging).all()
        return Keyset.listPage(rows, paging: paging, item: UserDTO.init)
    }

    /// One user.
    @Sendable static func show(_ request: Request) async throws -> UserDTO {
        guard let id = request.parameters.get("userID", as: UUID.self) else {
            throw APIError.badRequest("The user id is not valid.", fields: ["userID": "must be a UUID"])
        }
        guard let user = try await User.find(id, on: request.db) else { throw APIError.notFound("This user") }
        return UserDTO(user)
    }

    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/me", summary: "The user the token belongs to", tag: "Users", response: .ref("User")),
        .init(method: .GET, path: "/users", summary: "List users, ordered by name", tag: "Users",
              parameters: APIOperation.pagingParameters,
              response: .object([("items", .array(.ref("User"))), ("nextCursor", .nullable(.string()))], required: ["items"])),
        .init(method: .GET, path: "/users/{userID}", summary: "One user", tag: "Users",
              parameters: [APIOperation.pathParameter("userID", "The user's id")],
              response: .ref("User"), errors: [401, 404]),
    ]
}
