import CRMCore
import Fluent
import SQLKit
import Vapor

/// Which record the shared customer tables (points, tags, search terms, events) belong to.
enum CustomerSubject: Equatable {
    case account(UUID)
    case contact(UUID)

    var type: String {
        switch self {
        case .account: "account"
        case .contact: "contact"
        }
    }

    var id: UUID {
        switch self {
        case let .account(id), let .contact(id): id
        }
    }
}

/// An account or a contact: archivable records whose history is the customer history.
protocol CustomerRecord: ArchivableRecord {
    var subject: CustomerSubject { get }
}

extension RecordKind where Record: CustomerRecord {
    /// Creation, owner changes and archiving go on the customer history (and archiving takes the record out of search).
    func record(_ change: RecordChange, of record: Record, actor: User, at now: Date, on db: any Database) async throws {
        try await CustomerSideTables(db: db).record(change, of: record.subject, actor: actor, at: now)
    }
}

/// Writes the rows that hang off a customer record, always replacing them whole inside the caller's transaction.
struct CustomerSideTables {
    let db: any Database

    /// One statement for all the points, and one for all the tags: a write's cost is mostly its statements.
    func replacePoints(of subject: CustomerSubject, phones: [CheckedPoint], emails: [CheckedPoint]) async throws {
        try await pointsQuery(subject).delete()
        let rows = [("phone", phones), ("email", emails)].flatMap { kind, points in
            points.enumerated().map { position, point in
                let row = ContactPoint(kind: kind, label: point.label, value: point.value, normalized: point.normalized, position: position)
                switch subject {
                case let .account(id): row.$account.id = id
                case let .contact(id): row.$contact.id = id
                }
                return row
            }
        }
        if !rows.isEmpty { try await rows.create(on: db) }
    }

    func replaceTags(of subject: CustomerSubject, _ tags: [String]) async throws {
        try await CustomerTag.query(on: db).filter(\.$subjectType == subject.type).filter(\.$subjectID == subject.id).delete()
        if !tags.isEmpty { try await tags.map { CustomerTag(subjectType: subject.type, subjectID: subject.id, tag: $0) }.create(on: db) }
    }

    /// Stores the search entries of a record: its names, numbers and addresses.
    func reindex(_ subject: CustomerSubject, name: String, otherNames: [String] = [], points: [CheckedPoint], archived: Bool) async throws {
        try await SearchTerm.query(on: db).filter(\.$subjectType == subject.type).filter(\.$subjectID == subject.id).delete()
        let sortName = SearchText.fold(name)
        let entries = SearchText.entries(name: name, otherNames: otherNames, values: points.map(\.searchValue))
        try await entries.map { SearchTerm(subject: subject, entry: $0, sortName: sortName, isArchived: archived) }.create(on: db)
    }

    func setArchived(_ subject: CustomerSubject, _ archived: Bool) async throws {
        try await SearchTerm.query(on: db).filter(\.$subjectType == subject.type).filter(\.$subjectID == subject.id)
            .set(\.$isArchived, to: archived).update()
    }

    func log(_ subject: CustomerSubject, kind: String, summary: String, actor: User, at: Date) async throws {
        try await CustomerEvent(subjectType: subject.type, subjectID: subject.id, kind: kind, summary: summary,
                                actorID: actor.id, occurredAt: at).create(on: db)
    }

    /// Writes what the record core reports on the record's history: creation, a new owner (by name), archiving.
    func record(_ change: RecordChange, of subject: CustomerSubject, actor: User, at: Date) async throws {
        let noun = subject.type == "account" ? "Account" : "Contact"
        switch change {
        case .created:
            try await log(subject, kind: "created", summary: "\(noun) created", actor: actor, at: at)
        case let .ownerChanged(old, new):
            let names = try await User.query(on: db).filter(\.$id ~~ [old, new]).all()
            func name(_ id: UUID) -> String { names.first { $0.id == id }?.name ?? "a former user" }
            try await log(subject, kind: "owner_changed", summary: "Owner changed from \(name(old)) to \(name(new))", actor: actor, at: at)
        case let .archived(archived):
            // Archived records leave search; restored ones come back.
            try await setArchived(subject, archived)
            try await log(subject, kind: archived ? "archived" : "restored", summary: "\(noun) \(archived ? "archived" : "restored")", actor: actor, at: at)
        }
    }

    /// Removes everything the CRM holds about the record apart from the audit entry the caller writes.
    func erase(_ subject: CustomerSubject) async throws {
        try await pointsQuery(subject).delete()
        try await CustomerTag.query(on: db).filter(\.$subjectType == subject.type).filter(\.$subjectID == subject.id).delete()
        try await SearchTerm.query(on: db).filter(\.$subjectType == subject.type).filter(\.$subjectID == subject.id).delete()
        try await CustomerEvent.query(on: db).filter(\.$subjectType == subject.type).filter(\.$subjectID == subject.id).delete()
    }

    /// A record's phones and emails, for the API and pages.
    struct Points {
        var phones: [ContactPointDTO] = []
        var emails: [ContactPointDTO] = []
    }

    /// The phones and emails of many contacts in one statement, decoded without models (lists and cards).
    static func points(ofContacts ids: [UUID], on db: any Database) async throws -> [UUID: Points] {
        try await points(of: ids, by: "contact_id", on: db)
    }

    static func points(ofAccounts ids: [UUID], on db: any Database) async throws -> [UUID: Points] {
        try await points(of: ids, by: "account_id", on: db)
    }

    private static func points(of ids: [UUID], by column: String, on db: any Database) async throws -> [UUID: Points] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable { let owner: UUID; let kind: String; let label: String; let value: String; let normalized: String }
        let rows = try await db.sql.raw("""
            SELECT \(ident: column) AS owner, kind, label, value, normalized FROM contact_points
            WHERE \(ident: column) IN (\(binds: ids)) ORDER BY position
            """).all(decoding: Row.self)
        var points: [UUID: Points] = [:]
        for row in rows {
            let point = ContactPointDTO(label: row.label, value: row.value, normalized: row.normalized)
            if row.kind == "phone" { points[row.owner, default: Points()].phones.append(point) }
            if row.kind == "email" { points[row.owner, default: Points()].emails.append(point) }
        }
        return points
    }

    func points(of subject: CustomerSubject) async throws -> [ContactPoint] {
        try await pointsQuery(subject).sort(\.$kind).sort(\.$position).all()
    }

    private func pointsQuery(_ subject: CustomerSubject) -> QueryBuilder<ContactPoint> {
        switch subject {
        case let .account(id): ContactPoint.query(on: db).filter(\.$account.$id == id)
        case let .contact(id): ContactPoint.query(on: db).filter(\.$contact.$id == id)
        }
    }
}
