import CRMCore
import Fluent
import Vapor

/// The filters of the account list, read from the query string by the API and the list page alike.
struct AccountFilter {
    var owner: UUID?
    var tag: String?
    var industry: String?
    var parent: UUID?
    var updatedSince: Date?
    var archived = false
    var sort = ListSort.name

    init(_ request: Request) throws {
        owner = try request.queryUUID("owner")
        tag = request.query[String.self, at: "tag"].flatMap { $0.isEmpty ? nil : $0.lowercased() }
        industry = request.query[String.self, at: "industry"].flatMap { $0.isEmpty ? nil : $0 }
        parent = try request.queryUUID("parent")
        updatedSince = try request.queryDate("updatedSince")
        archived = request.query[String.self, at: "archived"] == "true"
        sort = try ListSort.from(request)
    }

    /// One page of accounts with their phones and emails: three queries whatever the page size.
    func page(on db: any Database, paging: PageRequest) async throws -> ListPage<AccountDTO> {
        let query = Account.query(on: db).with(\.$owner).with(\.$createdBy).with(\.$updatedBy)
        query.filter(\.$archivedAt, archived ? .notEqual : .equal, nil)
        if let owner { query.filter(\.$owner.$id == owner) }
        if let parent { query.filter(\.$parent.$id == parent) }
        if let industry { query.filter(\.$industry == industry) }
        if let updatedSince { query.filter(\.$updatedAt >= updatedSince) }
        if let tag {
            query.join(CustomerTag.self, on: \Account.$id == \CustomerTag.$subjectID)
                .filter(CustomerTag.self, \.$subjectType == "account").filter(CustomerTag.self, \.$tag == tag)
        }
        let rows = try await Keyset.page(query, sort: sort, paging: paging, name: \.$name, nameColumn: "name", updatedAt: \.$updatedAt).all()
        let points = try await ContactPoint.query(on: db).filter(\.$account.$id ~~ rows.prefix(paging.limit).compactMap(\.id))
            .sort(\.$position).all()
        return ListPage(rows: rows, limit: paging.limit, cursor: { Keyset.cursor(id: $0.id!) },
                        item: { account in AccountDTO(account, points: points.filter { $0.$account.id == account.id }) })
    }
}

/// The filters of the contact list.
struct ContactFilter {
    var owner: UUID?
    var tag: String?
    var account: UUID?
    var updatedSince: Date?
    var archived = false
    var sort = ListSort.name

    init(_ request: Request) throws {
        owner = try request.queryUUID("owner")
        tag = request.query[String.self, at: "tag"].flatMap { $0.isEmpty ? nil : $0.lowercased() }
        account = try request.queryUUID("account")
        updatedSince = try request.queryDate("updatedSince")
        archived = request.query[String.self, at: "archived"] == "true"
        sort = try ListSort.from(request)
    }

    func page(on db: any Database, paging: PageRequest) async throws -> ListPage<ContactDTO> {
        let query = Contact.query(on: db).with(\.$account).with(\.$owner).with(\.$createdBy).with(\.$updatedBy)
        query.filter(\.$archivedAt, archived ? .notEqual : .equal, nil)
        if let owner { query.filter(\.$owner.$id == owner) }
        if let account { query.filter(\.$account.$id == account) }
        if let updatedSince { query.filter(\.$updatedAt >= updatedSince) }
        if let tag {
            query.join(CustomerTag.self, on: \Contact.$id == \CustomerTag.$subjectID)
                .filter(CustomerTag.self, \.$subjectType == "contact").filter(CustomerTag.self, \.$tag == tag)
        }
        let rows = try await Keyset.page(query, sort: sort, paging: paging, name: \.$displayName, nameColumn: "display_name", updatedAt: \.$updatedAt).all()
        let points = try await ContactPoint.query(on: db).filter(\.$contact.$id ~~ rows.prefix(paging.limit).compactMap(\.id))
            .sort(\.$position).all()
        return ListPage(rows: rows, limit: paging.limit, cursor: { Keyset.cursor(id: $0.id!) },
                        item: { contact in ContactDTO(contact, points: points.filter { $0.$contact.id == contact.id }) })
    }
}
