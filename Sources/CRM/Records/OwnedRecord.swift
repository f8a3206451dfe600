import Fluent
import Foundation

/// A record one user is responsible for and people change with optimistic locking: accounts, contacts, deals, and the
/// record types still to come. `RecordStore` does their shared plumbing; each type says only what differs (`RecordKind`).
protocol OwnedRecord: Model, Sendable where IDValue == UUID {
    /// How people call one of them: "account", "contact", "deal".
    static var noun: String { get }
    /// Raised on every change; an update names the version it read.
    var version: Int { get set }
    var ownerID: UUID { get }
}

/// A record that can be archived (hidden from lists and search, kept whole) and restored.
protocol ArchivableRecord: OwnedRecord {
    var archivedAt: Date? { get set }
    /// Who changed the record last, where the record keeps it.
    func markChanged(by user: User)
}

/// What a record's history is told by the core; each type writes it where it keeps its history.
enum RecordChange: Equatable {
    case created
    case ownerChanged(from: UUID, to: UUID)
    case archived(Bool)
}
