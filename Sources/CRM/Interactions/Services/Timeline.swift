import CRMCore
import Fluent
import Vapor

/// One account's or contact's history, newest first: interactions merged with what other areas contribute (record
/// changes, orders, deals). Each source is read newest-first off an index with the page size as limit, so the first
/// page costs the same for an account with ten interactions or a hundred thousand.
struct Timeline {
    typealias Entry = TimelineEntry
    static let entrySchema = JSONSchema.object([
        ("id", .uuid), ("type", .string(enumeration: Filter.types)), ("occurredAt", .dateTime), ("title", .string()),
        ("summary", .nullable(.string())), ("direction", .nullable(.string(enumeration: ["inbound", "outbound"]))),
        ("user", .nullable(.ref("UserRef"))),
    ], required: ["id", "type", "occurredAt", "title"])

    struct Filter {
        /// Interaction kinds and the types the other areas contribute (`Contributions.timelineSources`).
        static let types = InteractionKind.allCases.map(\.rawValue) + Areas.contributions.timelineSources.map(\.type)

        /// Empty: every type.
        var types: Set<String> = []
        var userID: UUID?

        init(types: Set<String> = [], userID: UUID? = nil) {
            (self.types, self.userID) = (types, userID)
        }

        init(_ request: Request) throws {
            if let raw = request.query[String.self, at: "type"], !raw.isEmpty {
                types = Set(raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                if let unknown = types.first(where: { !Self.types.contains($0) }) {
                    throw APIError.badRequest("A parameter is not valid.", fields: ["type": "\(unknown) is not one of " + Self.types.joined(separator: ", ")])
                }
            }
            userID = try request.queryUUID("user")
        }

        func wants(_ type: String) -> Bool { types.isEmpty || types.contains(type) }
        var interactionKinds: [String] { InteractionKind.allCases.map(\.rawValue).filter(wants) }
    }

    let db: any Database
    var sources: [TimelineSource] = []

    func page(of subject: CustomerSubject, filter: Filter, paging: PageRequest) async throws -> ListPage<Entry> {
        let merged = Dictionary(sources.map { ($0.table, $0.timeColumn) }, uniquingKeysWith: { first, _ in first })
            .merging([Interaction.schema: "occurred_at"]) { first, _ in first }
        let page = TimelineSourcePage(userID: filter.userID, paging: paging, merged: merged)
        var entries: [(entry: Entry, table: String)] = []
        if !filter.interactionKinds.isEmpty {
            entries += try await interactions(of: subject, filter: filter, page: page).map { ($0, Interaction.schema) }
        }
        for source in sources where filter.wants(source.type) {
            entries += try await source.entries(subject, page, db).map { ($0, source.table) }
        }
        let newestFirst = entries.sorted { ($0.entry.occurredAt, $0.entry.id.uuidString) > ($1.entry.occurredAt, $1.entry.id.uuidString) }
        return ListPage(rows: Array(newestFirst.prefix(paging.limit + 1)), limit: paging.limit,
                        cursor: { Keyset.cursor(after: $0.entry.id, table: $0.table) }) { $0.entry }
    }

    /// The newest interactions logged against one deal, for its page.
    func dealInteractions(_ dealID: UUID, limit: Int = 20) async throws -> [Entry] {
        let query = Interaction.query(on: db).filter(\.$opportunityID == dealID)
            .sort(\.$occurredAt, .descending).sort(\.$id, .descending).limit(limit)
        return try await entries(Row.read(query))
    }

    private func interactions(of subject: CustomerSubject, filter: Filter, page: TimelineSourcePage) async throws -> [Entry] {
        let narrowed = filter.interactionKinds.count < InteractionKind.allCases.count
        let rows: [Row]
        switch subject {
        case let .account(accountID):
            let query = Interaction.query(on: db).filter(\.$accountID == accountID)
            if narrowed { query.filter(\.$kind ~~ filter.interactionKinds) }
            if let user = filter.userID { query.filter(\.$user.$id == user) }
            rows = try await Row.read(page.page(query, timeColumn: "occurred_at"))
        case let .contact(contactID):
            // The contact's links carry kind and time, so the index on them orders the page; the join adds the text.
            let query = InteractionContact.query(on: db).join(Interaction.self, on: \InteractionContact.$interaction.$id == \Interaction.$id)
                .filter(\.$contactID == contactID)
            if narrowed { query.filter(\.$kind ~~ filter.interactionKinds) }
            if let user = filter.userID { query.filter(Interaction.self, \.$user.$id == user) }
            rows = try await Row.read(page.page(query, timeColumn: "occurred_at", idColumn: "interaction_id"))
        }
        return try await entries(rows)
    }

    /// What a timeline entry shows of an interaction, read from the query's rows without building models (which
    /// cost more than the query on a page of 25).
    struct Row: Sendable {
        let id: UUID, kind: String, direction: String?, occurredAt: Date, subject: String?, body: String?, outcome: String?, userID: UUID?

        static func read<M: Model>(_ query: QueryBuilder<M>) async throws -> [Row] {
            query.field(Interaction.self, \.$id).field(Interaction.self, \.$kind).field(Interaction.self, \.$direction)
                .field(Interaction.self, \.$occurredAt).field(Interaction.self, \.$subject).field(Interaction.self, \.$body)
                .field(Interaction.self, \.$outcome).field(Interaction.self, \.$user.$id)
            return try await query.decodedRows { output in
                let columns = output.schema(Interaction.schema)
                return Row(id: try columns.decode(.id, as: UUID.self), kind: try columns.decode("kind", as: String.self),
                           direction: try columns.decode("direction", as: String?.self),
                           occurredAt: try columns.decode("occurred_at", as: Date.self), subject: try columns.decode("subject", as: String?.self),
                           body: try columns.decode("body", as: String?.self), outcome: try columns.decode("outcome", as: String?.self),
                           userID: try columns.decode("user_id", as: UUID?.self))
            }
        }
    }

    private func entries(_ rows: [Row]) async throws -> [Entry] {
        let names = try await UserDirectory.names(of: Set(rows.compactMap(\.userID)), on: db)
        return rows.map { row in
            Entry(id: row.id, type: row.kind, occurredAt: row.occurredAt,
                  title: Self.title(subject: row.subject, kind: row.kind, direction: row.direction, outcome: row.outcome),
                  summary: row.body.map { String($0.prefix(280)) }, direction: row.direction,
                  user: UserRef(id: row.userID, name: row.userID.flatMap { names[$0] }))
        }
    }

    static func title(_ interaction: Interaction) -> String {
        title(subject: interaction.subject, kind: interaction.kind, direction: interaction.direction, outcome: interaction.outcome)
    }

    static func title(subject: String?, kind rawKind: String, direction: String?, outcome: String?) -> String {
        if let subject { return subject }
        let kind = InteractionKind(rawValue: rawKind)
        let direction = direction.map { $0.capitalized + " " } ?? ""
        switch kind {
        case .call?: return direction + "call" + (outcome.map { ": " + $0 } ?? "")
        case .quote?: return "Price quote"
        default: return direction.isEmpty ? (kind?.rawValue.capitalized ?? rawKind) : direction + rawKind
        }
    }
}

extension Timeline {
    /// The timeline with every source the areas registered.
    init(_ request: Request) {
        self.init(db: request.db, sources: request.application.contributions.timelineSources)
    }
}
