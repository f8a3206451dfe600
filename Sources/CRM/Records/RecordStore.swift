import CRMCore
import Fluent
import Foundation

/// Creates and changes records of one kind: edit rights, checks, versioned writes, owner changes with history,
/// archiving and erasing with the audit entry, each change in one transaction.
struct RecordStore<Kind: RecordKind>: Sendable {
    typealias Record = Kind.Record
    let kind: Kind
    let db: any Database
    let actor: User
    let now: Date

    func create(_ input: Kind.Input) async throws -> Record {
        let checked = try await kind.check(input, existing: nil, actor: actor, on: db)
        let record = kind.newRecord(createdBy: actor)
        record.version = 1
        return try await db.transaction { db in
            try await kind.save(checked, into: record, actor: actor, at: now, on: db)
            try await kind.record(.created, of: record, actor: actor, at: now, on: db)
            return record
        }
    }

    /// Saves a change made to `expectedVersion`; a change someone else made meanwhile is a 409, not overwritten.
    func update(_ record: Record, with input: Kind.Input, expectedVersion: Int) async throws {
        try requireEdit(record)
        let checked = try await kind.check(input, existing: record, actor: actor, on: db)
        let previousOwner = record.ownerID
        let newOwner = checked.ownerID
        try await db.transaction { db in
            try await VersionGuard.claim(table: Record.schema, id: record.requireID(), expected: expectedVersion, on: db)
            record.version = expectedVersion + 1
            try await kind.save(checked, into: record, actor: actor, at: now, on: db)
            if previousOwner != newOwner {
                try await kind.record(.ownerChanged(from: previousOwner, to: newOwner), of: record, actor: actor, at: now, on: db)
            }
        }
    }

    /// Checks without saving, adding errors found elsewhere (a form's unreadable amount), so one answer names every problem.
    func validate(_ input: Kind.Input, existing: Record?, alsoFailing earlier: [String: String]) async throws {
        try await FieldCheck.failing(with: earlier) { _ = try await kind.check(input, existing: existing, actor: actor, on: db) }
    }

    func requireEdit(_ record: Record) throws {
        guard canEdit(record) else {
            throw APIError(.forbidden, code: "forbidden", message: "Only the \(Record.noun)'s owner, a manager or an admin can change this \(Record.noun).")
        }
    }

    func canEdit(_ record: Record) -> Bool {
        RecordPermissions.canEdit(role: actor.role, isOwner: record.ownerID == actor.id)
    }
}

extension RecordStore where Record: ArchivableRecord {
    /// Archives (hides from lists and search, keeps everything) or restores; asking for the state it is in changes nothing.
    func setArchived(_ record: Record, _ archived: Bool) async throws {
        try requireEdit(record)
        guard (record.archivedAt != nil) != archived else { return }
        try await db.transaction { db in
            try await VersionGuard.claim(table: Record.schema, id: record.requireID(), expected: record.version, on: db)
            record.version += 1
            record.archivedAt = archived ? now : nil
            record.markChanged(by: actor)
            try await record.save(on: db)
            try await kind.record(.archived(archived), of: record, actor: actor, at: now, on: db)
        }
    }
}

extension RecordStore where Kind: ErasableKind {
    var canErase: Bool { RecordPermissions.canErase(role: actor.role) }

    /// Deletes the record for good; the audit log keeps who and when, not the data. What must stay (the books keep
    /// orders and invoices) leaves the record in place with a 409 saying why.
    func erase(_ record: Record) async throws {
        guard canErase else { throw APIError.forbidden }
        let id = try record.requireID()
        let blockers = try await kind.eraseBlockers(of: record, on: db)
        if !blockers.isEmpty {
            throw APIError.conflict(blockers.joined(separator: " ") + " Archive it instead, or erase its contacts' personal data.")
        }
        try await db.transaction { db in
            try await kind.erase(record, on: db)
            try await AuditEntry(actorID: actor.id, action: "erase", subjectType: Record.noun, subjectID: id,
                                 summary: kind.erasedSummary, occurredAt: now).create(on: db)
        }
    }
}
