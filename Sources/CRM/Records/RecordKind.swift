import Fluent
import Foundation

/// What a record type tells the core: how its input is checked and written, and where its history goes. The checks
/// and the fields are the type's own; creating, versioned updates, owner changes, archiving and erasing are the core's.
protocol RecordKind: Sendable {
    associatedtype Record: OwnedRecord
    associatedtype Input: Sendable
    associatedtype Checked: CheckedRecord

    /// Checks the input whole, throwing one 422 that names every bad field.
    func check(_ input: Input, existing: Record?, actor: User, on db: any Database) async throws -> Checked
    /// A new, empty record (its version is set by the core).
    func newRecord(createdBy actor: User) -> Record
    /// Writes the checked fields and the rows that hang off the record, inside the core's transaction. The record still
    /// holds its previous values when this is called, so a type can record what it alone tracks (a contact's move).
    func save(_ checked: Checked, into record: Record, actor: User, at now: Date, on db: any Database) async throws
    /// Writes a change to the record's history.
    func record(_ change: RecordChange, of record: Record, actor: User, at now: Date, on db: any Database) async throws
}

/// A record's input once checked: whom it will belong to is what the core needs to know.
protocol CheckedRecord: Sendable {
    var ownerID: UUID { get }
}

/// A record type whose records can be erased for good, for a data-protection request.
protocol ErasableKind: RecordKind {
    /// Why the record must stay (other areas' books, for example), in sentences; empty when it may go.
    func eraseBlockers(of record: Record, on db: any Database) async throws -> [String]
    /// Deletes the record and everything it owns, inside the core's transaction.
    func erase(_ record: Record, on db: any Database) async throws
    /// What the audit entry says was erased (the data itself is gone).
    var erasedSummary: String { get }
}

extension ErasableKind {
    func eraseBlockers(of record: Record, on db: any Database) async throws -> [String] { [] }
}
