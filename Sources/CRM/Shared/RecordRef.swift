import Foundation
import Vapor

/// Another record as a record shows it: its id and the name people know it by (an account, a deal, order `#1042`).
struct RecordRef: Content, Equatable {
    let id: UUID
    let name: String

    static let schema = JSONSchema.object([("id", .uuid), ("name", .string())], required: ["id", "name"])
}
