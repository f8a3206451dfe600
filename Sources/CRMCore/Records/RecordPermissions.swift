/// Who may change a record one user owns (accounts, contacts, deals, and the types to come). Everyone reads every
/// record: the seeds want one shared picture.
public enum RecordPermissions {
    /// The owner, managers and admins edit and reassign.
    public static func canEdit(role: Role, isOwner: Bool) -> Bool {
        role == .admin || role == .manager || isOwner
    }

    /// Only managers and admins hand a new record to someone else; others create records they own.
    public static func canAssignOthers(role: Role) -> Bool {
        role == .admin || role == .manager
    }

    /// Erasing personal data for good is an admin's decision, recorded in the audit log.
    public static func canErase(role: Role) -> Bool { role == .admin }
}
