import Fluent
import Vapor

/// A deal's way through the stages, for its page and the API.
enum StageHistory {
    struct Change: Content, Equatable {
        let from: String?
        let to: String
        let user: UserRef?
        let changedAt: Date
    }

    /// Every stage the deal has been in, oldest first.
    static func of(_ id: UUID, on db: any Database) async throws -> [Change] {
        try await StageChange.query(on: db).filter(\.$opportunity.$id == id).with(\.$fromStage).with(\.$toStage).with(\.$user)
            .sort(\.$changedAt).all()
            .map { Change(from: $0.fromStage?.name, to: $0.toStage.name, user: UserRef($0.user), changedAt: $0.changedAt) }
    }
}
