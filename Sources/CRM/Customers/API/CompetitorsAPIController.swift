import CRMCore
import Fluent
import Vapor

struct CompetitorInput: StrictInput {
    var competitor: String?
    var product: String?
    /// 1 (very unhappy) to 5 (very happy).
    var satisfaction: Int?
    var competitorRep: String?
    var repRelationship: String?
    var notes: String?
    /// YYYY-MM-DD
    var learnedOn: String?
}

struct CompetitorDTO: Content {
    let id: UUID
    let accountId: UUID
    let competitor: String
    let product: String?
    let satisfaction: Int?
    let competitorRep: String?
    let repRelationship: String?
    let notes: String?
    let learnedOn: String?
    let createdBy: UserRef?
    let createdAt: Date?
    let updatedAt: Date?
    let archivedAt: Date?
    let version: Int

    /// `entry` must have createdBy loaded.
    init(_ entry: CompetitorEntry) {
        id = entry.id!
        accountId = entry.$account.id
        competitor = entry.competitor
        product = entry.product
        satisfaction = entry.satisfaction
        competitorRep = entry.competitorRep
        repRelationship = entry.repRelationship
        notes = entry.notes
        learnedOn = entry.learnedOn
        createdBy = UserRef(entry.createdBy)
        createdAt = entry.createdAt
        updatedAt = entry.updatedAt
        archivedAt = entry.archivedAt
        version = entry.version
    }

    var input: CompetitorInput {
        CompetitorInput(competitor: competitor, product: product, satisfaction: satisfaction, competitorRep: competitorRep,
                        repRelationship: repRelationship, notes: notes, learnedOn: learnedOn)
    }

    static let inputFields: [(String, JSONSchema)] = [
        ("competitor", .string()), ("product", .string()), ("satisfaction", .integer(description: "1 (very unhappy) to 5 (very happy)")),
        ("competitorRep", .string()), ("repRelationship", .string(description: "How the competitor's rep stands with the customer")),
        ("notes", .string()), ("learnedOn", .string(format: "date")),
    ]
    static let schema = JSONSchema.object(inputFields + [
        ("id", .uuid), ("accountId", .uuid), ("createdBy", .nullable(.ref("UserRef"))), ("createdAt", .dateTime),
        ("updatedAt", .dateTime), ("archivedAt", .nullable(.dateTime)), ("version", .integer()),
    ], required: ["id", "accountId", "competitor", "version"])
}

/// Competitor information on an account; whoever may change the account, or wrote the entry, may change it.
struct CompetitorStore {
    let db: any Database
    let actor: User
    let now: Date

    static func load(_ id: UUID, on db: any Database) async throws -> CompetitorEntry {
        guard let entry = try await CompetitorEntry.query(on: db).filter(\.$id == id).with(\.$createdBy).with(\.$account).first() else {
            throw APIError.notFound("This competitor entry")
        }
        return entry
    }

    func create(on account: Account, _ input: CompetitorInput) async throws -> CompetitorEntry {
        let entry = CompetitorEntry()
        try apply(try check(input), to: entry)
        entry.$account.id = try account.requireID()
        entry.$createdBy.id = actor.id
        entry.version = 1
        try await entry.create(on: db)
        return entry
    }

    func update(_ entry: CompetitorEntry, with input: CompetitorInput, expectedVersion: Int) async throws {
        try requireEdit(entry)
        let checked = try check(input)
        try await db.transaction { db in
            try await VersionGuard.claim(table: CompetitorEntry.schema, id: entry.requireID(), expected: expectedVersion, on: db)
            try apply(checked, to: entry)
            entry.version = expectedVersion + 1
            try await entry.save(on: db)
        }
    }

    func setArchived(_ entry: CompetitorEntry, _ archived: Bool) async throws {
        try requireEdit(entry)
        entry.archivedAt = archived ? now : nil
        entry.version += 1
        try await entry.save(on: db)
    }

    /// `entry` must have its account loaded.
    func requireEdit(_ entry: CompetitorEntry) throws {
        let isOwner = entry.account.$owner.id == actor.id || entry.$createdBy.id == actor.id
        guard RecordPermissions.canEdit(role: actor.role, isOwner: isOwner) else { throw APIError.forbidden }
    }

    private func check(_ input: CompetitorInput) throws -> CompetitorInput {
        var fields = FieldCheck()
        let checked = CompetitorInput(
            competitor: fields.required(input.competitor, "competitor"),
            product: fields.text(input.product, "product"),
            satisfaction: input.satisfaction,
            competitorRep: fields.text(input.competitorRep, "competitorRep"),
            repRelationship: fields.text(input.repRelationship, "repRelationship", max: 2_000),
            notes: fields.text(input.notes, "notes", max: 10_000),
            learnedOn: fields.date(input.learnedOn, "learnedOn"))
        if let satisfaction = input.satisfaction, !(1...5).contains(satisfaction) { fields.fail("satisfaction", "must be from 1 to 5") }
        try fields.throwIfFailed()
        return checked
    }

    private func apply(_ input: CompetitorInput, to entry: CompetitorEntry) throws {
        entry.competitor = input.competitor ?? ""
        entry.product = input.product
        entry.satisfaction = input.satisfaction
        entry.competitorRep = input.competitorRep
        entry.repRelationship = input.repRelationship
        entry.notes = input.notes
        entry.learnedOn = input.learnedOn
    }
}

extension CompetitorStore {
    init(_ request: Request) throws {
        self.init(db: request.db, actor: try request.user, now: request.now)
    }
}

/// `/api/v1/accounts/{id}/competitors` and `/api/v1/competitors/{id}`.
enum CompetitorsAPIController {
    /// The account's competitor entries, newest first; archived ones only with `archived=true`.
    @Sendable static func list(_ request: Request) async throws -> [CompetitorDTO] {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        let accountID = try account.requireID()
        let query = CompetitorEntry.query(on: request.db).filter(\.$account.$id == accountID).with(\.$createdBy)
        if request.query[Bool.self, at: "archived"] == true { query.filter(\.$archivedAt != nil) } else { query.filter(\.$archivedAt == nil) }
        return try await query.sort(\.$createdAt, .descending).all().map(CompetitorDTO.init)
    }

    /// Records what the account uses from a competitor. Anyone signed in may add what they learned.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        let entry = try await CompetitorStore(request).create(on: account, try request.decodeStrict(CompetitorInput.self))
        let dto = CompetitorDTO(try await CompetitorStore.load(entry.requireID(), on: request.db))
        return try .json(dto, status: .created, version: dto.version)
    }

    /// Changes an entry (JSON Merge Patch, If-Match required).
    @Sendable static func patch(_ request: Request) async throws -> Response {
        let store = try CompetitorStore(request)
        let entry = try await CompetitorStore.load(try request.pathUUID("competitorID"), on: request.db)
        try store.requireEdit(entry)
        let expected = try request.expectedVersion()
        try await store.update(entry, with: try request.mergePatch(onto: CompetitorDTO(entry).input), expectedVersion: expected)
        let dto = CompetitorDTO(try await CompetitorStore.load(entry.requireID(), on: request.db))
        return try .json(dto, version: dto.version)
    }

    /// Archives or restores an entry.
    @Sendable static func setArchived(_ request: Request, archived: Bool) async throws -> Response {
        let entry = try await CompetitorStore.load(try request.pathUUID("competitorID"), on: request.db)
        try await CompetitorStore(request).setArchived(entry, archived)
        let dto = CompetitorDTO(try await CompetitorStore.load(entry.requireID(), on: request.db))
        return try .json(dto, version: dto.version)
    }

    static var operations: [APIOperation] {
        let account = APIOperation.pathParameter("accountID", "The account's id")
        let id = APIOperation.pathParameter("competitorID", "The competitor entry's id")
        let one = JSONSchema.ref("CompetitorEntry")
        return [
            .init(method: .GET, path: "/accounts/{accountID}/competitors", summary: "Competitor information on an account", tag: "Competitors",
                  parameters: [account, APIOperation.query("archived", .boolean, "true lists archived entries instead")],
                  response: .array(one), errors: [401, 404]),
            .init(method: .POST, path: "/accounts/{accountID}/competitors", summary: "Record competitor information", tag: "Competitors",
                  parameters: [account], requestBody: .ref("CompetitorInput"), successStatus: 201, response: one, errors: [401, 404, 422]),
            .init(method: .PATCH, path: "/competitors/{competitorID}", summary: "Change competitor information (If-Match required)", tag: "Competitors",
                  parameters: [id], requestBody: .ref("CompetitorInput"), response: one, errors: [401, 403, 404, 409, 422, 428]),
            .init(method: .POST, path: "/competitors/{competitorID}/archive", summary: "Archive competitor information", tag: "Competitors",
                  parameters: [id], response: one, errors: [401, 403, 404]),
            .init(method: .POST, path: "/competitors/{competitorID}/restore", summary: "Restore competitor information", tag: "Competitors",
                  parameters: [id], response: one, errors: [401, 403, 404]),
        ]
    }
}
