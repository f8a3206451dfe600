import CRMCore
import Fluent
import Vapor

/// One account's or contact's history, newest first: interactions merged with record changes (owner, moves),
/// orders and deals. Each source is read newest-first off an index with the page size as limit, so the first
/// page costs the same for an account with ten interactions or a hundred thousand.
struct Timeline {
    struct Entry: Content, Equatable {
        let id: UUID
        /// An interaction kind, or `change`, `order`, `deal`.
        let type: String
        let occurredAt: Date
        let title: String
        let summary: String?
        let direction: String?
        let user: UserRef?

        static let types = InteractionKind.allCases.map(\.rawValue) + ["change", "order", "deal"]
        static let schema = JSONSchema.object([
            ("id", .uuid), ("type", .string(enumeration: types)), ("occurredAt", .dateTime), ("title", .string()),
            ("summary", .nullable(.string())), ("direction", .nullable(.string(enumeration: ["inbound", "outbound"]))),
            ("user", .nullable(.ref("UserRef"))),
        ], required: ["id", "type", "occurredAt", "title"])
    }

    struct Filter {
        /// Empty: every type.
        var types: Set<String> = []
        var userID: UUID?

        init(types: Set<String> = [], userID: UUID? = nil) {
            (self.types, self.userID) = (types, userID)
        }

        init(_ request: Request) throws {
            if let raw = request.query[String.self, at: "type"], !raw.isEmpty {
                types = Set(raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                if let unknown = types.first(where: { !Entry.types.contains($0) }) {
                    throw APIError.badRequest("A parameter is not valid.", fields: ["type": "\(unknown) is not one of " + Entry.types.joined(separator: ", ")])
                }
            }
            userID = try request.queryUUID("user")
        }

        func wants(_ type: String) -> Bool { types.isEmpty || types.contains(type) }
        var interactionKinds: [String] { InteractionKind.allCases.map(\.rawValue).filter(wants) }
    }

    let db: any Database

    func page(of subject: CustomerSubject, filter: Filter, paging: PageRequest) async throws -> ListPage<Entry> {
        let after = try NewestFirst(paging.after)
        let limit = paging.limit + 1
        var entries = [Entry]()
        if !filter.interactionKinds.isEmpty {
            entries += try await interactions(of: subject, filter: filter, after: after, limit: limit)
        }
        if filter.wants("change") {
            let query = CustomerEvent.query(on: db).filter(\.$subjectType == subject.type).filter(\.$subjectID == subject.id).with(\.$actor)
            if let user = filter.userID { query.filter(\.$actor.$id == user) }
            after?.rowsAfter(query, time: "occurred_at")
            entries += try await query.sort(\.$occurredAt, .descending).sort(\.$id, .descending).limit(limit).all().map {
                Entry(id: $0.id!, type: "change", occurredAt: $0.occurredAt, title: $0.summary, summary: nil, direction: nil, user: UserRef($0.actor))
            }
        }
        if case let .account(accountID) = subject {
            if filter.wants("order") {
                let query = Order.query(on: db).filter(\.$account.$id == accountID).with(\.$salesperson)
                if let user = filter.userID { query.filter(\.$salesperson.$id == user) }
                after?.rowsAfter(query, time: "created_at")
                entries += try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit).all().map {
                    Entry(id: $0.id!, type: "order", occurredAt: $0.createdAt ?? Date(timeIntervalSince1970: 0),
                          title: "Order \($0.number): \(MinorUnits.plain($0.revenueMinor, currency: $0.currency)) \($0.currency)",
                          summary: $0.status, direction: nil, user: UserRef($0.salesperson))
                }
            }
            if filter.wants("deal") {
                let query = Opportunity.query(on: db).filter(\.$account.$id == accountID).with(\.$owner)
                if let user = filter.userID { query.filter(\.$owner.$id == user) }
                after?.rowsAfter(query, time: "created_at")
                entries += try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit).all().map {
                    Entry(id: $0.id!, type: "deal", occurredAt: $0.createdAt ?? Date(timeIntervalSince1970: 0), title: "Deal opened: \($0.name)",
                          summary: nil, direction: nil, user: UserRef($0.owner))
                }
            }
        }
        let merged = entries.sorted { ($0.occurredAt, $0.id.uuidString) > ($1.occurredAt, $1.id.uuidString) }
        return ListPage(rows: Array(merged.prefix(limit)), limit: paging.limit,
                        cursor: { NewestFirst.cursor(at: $0.occurredAt, id: $0.id) }) { $0 }
    }

    /// The newest interactions logged against one deal, for its page.
    func dealInteractions(_ dealID: UUID, limit: Int = 20) async throws -> [Entry] {
        let rows = try await Interaction.query(on: db).filter(\.$opportunity.$id == dealID)
            .sort(\.$occurredAt, .descending).sort(\.$id, .descending).limit(limit).all()
        return try await entries(rows)
    }

    private func interactions(of subject: CustomerSubject, filter: Filter, after: NewestFirst?, limit: Int) async throws -> [Entry] {
        let narrowed = filter.interactionKinds.count < InteractionKind.allCases.count
        let rows: [Interaction]
        switch subject {
        case let .account(accountID):
            let query = Interaction.query(on: db).filter(\.$account.$id == accountID)
            if narrowed { query.filter(\.$kind ~~ filter.interactionKinds) }
            if let user = filter.userID { query.filter(\.$user.$id == user) }
            after?.rowsAfter(query, time: "occurred_at")
            rows = try await query.sort(\.$occurredAt, .descending).sort(\.$id, .descending).limit(limit).all()
        case let .contact(contactID):
            // The contact's links carry kind and time, so the index on them orders the page; the join adds the text.
            let query = InteractionContact.query(on: db).join(Interaction.self, on: \InteractionContact.$interaction.$id == \Interaction.$id)
                .filter(\.$contact.$id == contactID)
            if narrowed { query.filter(\.$kind ~~ filter.interactionKinds) }
            if let user = filter.userID { query.filter(Interaction.self, \.$user.$id == user) }
            after?.rowsAfter(query, time: "occurred_at", id: "interaction_id")
            rows = try await query.sort(\.$occurredAt, .descending).sort(\.$interaction.$id, .descending).limit(limit).all()
                .map { try $0.joined(Interaction.self) }
        }
        return try await entries(rows)
    }

    private func entries(_ rows: [Interaction]) async throws -> [Entry] {
        let userIDs = Set(rows.compactMap(\.$user.id))
        let users = userIDs.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ userIDs).all()
        return rows.map { row in
            Entry(id: row.id!, type: row.kind, occurredAt: row.occurredAt, title: Self.title(row), summary: row.body.map { String($0.prefix(280)) },
                  direction: row.direction, user: UserRef(users.first { $0.id == row.$user.id }))
        }
    }

    static func title(_ interaction: Interaction) -> String {
        if let subject = interaction.subject { return subject }
        let kind = InteractionKind(rawValue: interaction.kind)
        let direction = interaction.direction.map { $0.capitalized + " " } ?? ""
        switch kind {
        case .call?: return direction + "call" + (interaction.outcome.map { ": " + $0 } ?? "")
        case .quote?: return "Price quote"
        default: return direction.isEmpty ? (kind?.rawValue.capitalized ?? interaction.kind) : direction + interaction.kind
        }
    }
}
