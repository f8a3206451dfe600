import CRMCore
import Fluent
import Vapor

/// Everything one screen needs about a customer, gathered with a fixed number of queries.
enum CustomerCards {
    struct EventDTO: Content, Equatable {
        let kind: String
        let summary: String
        let actor: UserRef?
        let occurredAt: Date
    }

    /// People grouped by department, decision makers first: the organisation chart of seed 003.
    struct DepartmentDTO: Content, Equatable {
        struct Person: Content, Equatable {
            let id: UUID
            let displayName: String
            let title: String?
            let buyingRole: String?
        }
        let department: String?
        let people: [Person]
    }

    struct AccountCard: Content {
        let account: AccountDTO
        let parent: AccountRef?
        let subsidiaries: [AccountRef]
        let contacts: [ContactDTO]
        let organisation: [DepartmentDTO]
        let competitors: [CompetitorDTO]
        let history: [EventDTO]
    }

    struct ContactCard: Content {
        let contact: ContactDTO
        let account: AccountDTO?
        let history: [EventDTO]
    }

    static let historyLimit = 50

    static func account(_ id: UUID, on db: any Database) async throws -> AccountCard {
        guard let account = try await AccountRows.dtos([id], on: db).first else { throw APIError.notFound("This account") }
        // The parent and the subsidiaries, by name, in one statement.
        let related = try await Account.query(on: db).group(.or) { group in
            group.group(.and) { $0.filter(\.$parent.$id == id).filter(\.$archivedAt == nil) }
            if let parentID = account.parentId { group.filter(\.$id == parentID) }
        }.field(\.$id).field(\.$name).field(\.$parent.$id).sort(\.$name).all()
        let parent = related.first { $0.id == account.parentId }
        let subsidiaries = related.filter { $0.$parent.id == id }
        let contactIDs = try await Keyset.ids(Contact.query(on: db).filter(\.$account.$id == id).filter(\.$archivedAt == nil).sort(\.$displayName))
        let contacts = try await ContactRows.dtos(contactIDs, on: db)
        let competitors = try await CompetitorEntry.query(on: db).filter(\.$account.$id == id).filter(\.$archivedAt == nil)
            .with(\.$createdBy).sort(\.$createdAt, .descending).all()
        return AccountCard(
            account: account,
            parent: parent.map { AccountRef(id: $0.id!, name: $0.name) },
            subsidiaries: subsidiaries.map { AccountRef(id: $0.id!, name: $0.name) },
            contacts: contacts,
            organisation: organisation(contacts),
            competitors: competitors.map(CompetitorDTO.init),
            history: try await history(.account(id), on: db)
        )
    }

    static func contact(_ id: UUID, on db: any Database) async throws -> ContactCard {
        guard let contact = try await ContactRows.dtos([id], on: db).first else { throw APIError.notFound("This contact") }
        var account: AccountDTO?
        if let accountID = contact.account?.id {
            account = try await AccountRows.dtos([accountID], on: db).first
        }
        return ContactCard(contact: contact, account: account,
                           history: try await history(.contact(id), on: db))
    }

    static func organisation(_ contacts: [ContactDTO]) -> [DepartmentDTO] {
        let order = BuyingRole.allCases.map(\.rawValue)
        return Dictionary(grouping: contacts, by: \.department)
            .sorted { ($0.key ?? "\u{10FFFF}") < ($1.key ?? "\u{10FFFF}") }
            .map { department, people in
                DepartmentDTO(department: department, people: people
                    .sorted { (order.firstIndex(of: $0.buyingRole ?? "") ?? order.count, $0.displayName)
                        < (order.firstIndex(of: $1.buyingRole ?? "") ?? order.count, $1.displayName) }
                    .map { .init(id: $0.id, displayName: $0.displayName, title: $0.title, buyingRole: $0.buyingRole) })
            }
    }

    static func history(_ subject: CustomerSubject, on db: any Database) async throws -> [EventDTO] {
        try await CustomerEvent.query(on: db).filter(\.$subjectType == subject.type).filter(\.$subjectID == subject.id)
            .with(\.$actor).sort(\.$occurredAt, .descending).limit(historyLimit).all()
            .map { EventDTO(kind: $0.kind, summary: $0.summary, actor: UserRef($0.actor), occurredAt: $0.occurredAt) }
    }

    static let eventSchema = JSONSchema.object([
        ("kind", .string(enumeration: ["created", "owner_changed", "moved", "archived", "restored", "credit_limit"])), ("summary", .string()),
        ("actor", .nullable(.ref("UserRef"))), ("occurredAt", .dateTime),
    ], required: ["kind", "summary", "occurredAt"])
    static let departmentSchema = JSONSchema.object([
        ("department", .nullable(.string())),
        ("people", .array(.object([("id", .uuid), ("displayName", .string()), ("title", .nullable(.string())), ("buyingRole", .nullable(.string()))]))),
    ])
    static let accountCardSchema = JSONSchema.object([
        ("account", .ref("Account")), ("parent", .nullable(.ref("AccountRef"))), ("subsidiaries", .array(.ref("AccountRef"))),
        ("contacts", .array(.ref("Contact"))), ("organisation", .array(departmentSchema)),
        ("competitors", .array(.ref("CompetitorEntry"))), ("history", .array(eventSchema)),
    ], required: ["account", "subsidiaries", "contacts", "organisation", "competitors", "history"])
    static let contactCardSchema = JSONSchema.object([
        ("contact", .ref("Contact")), ("account", .nullable(.ref("Account"))), ("history", .array(eventSchema)),
    ], required: ["contact", "history"])
}
