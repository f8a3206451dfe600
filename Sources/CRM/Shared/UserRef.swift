import Vapor

/// A user as other records show them: enough to name and link.
struct UserRef: Content, Equatable {
    let id: UUID
    let name: String

    init(id: UUID, name: String) {
        self.id = id
        self.name = name
    }

    /// From a row's id and name columns (a left join finds neither when the person is gone).
    init?(id: UUID?, name: String?) {
        guard let id, let name else { return nil }
        self.init(id: id, name: name)
    }

    init?(_ user: User?) {
        guard let user, let id = user.id else { return nil }
        self.init(id: id, name: user.name)
    }

    static let schema = JSONSchema.object([("id", .uuid), ("name", .string())], required: ["id", "name"])
}
