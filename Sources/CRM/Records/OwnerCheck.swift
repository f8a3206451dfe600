import CRMCore
import Fluent
import Foundation

extension FieldCheck {
    /// The responsible user: kept on update unless changed, the creator on create; only managers and admins
    /// create records for someone else, and the owner must be an active user.
    mutating func owner(_ requested: UUID?, existing: UUID?, actor: User, on db: any Database) async throws -> UUID {
        let actorID = try actor.requireID()
        let owner = requested ?? existing ?? actorID
        if existing == nil, owner != actorID, !RecordPermissions.canAssignOthers(role: actor.role) {
            fail("ownerId", "must be yourself; only managers and admins create records for others")
        }
        if owner != existing {
            let user = try await User.find(owner, on: db)
            if user == nil || user?.isDisabled == true { fail("ownerId", "is not an active user") }
        }
        return owner
    }
}
