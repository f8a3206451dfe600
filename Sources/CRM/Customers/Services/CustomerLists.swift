import CRMCore
import Fluent
import Vapor

/// The filters of the account list, read from the query string by the API and the list page alike.
struct AccountFilter {
    var common: RecordListFilter
    var tag: String?
    var industry: String?
    var parent: UUID?

    init(_ request: Request) throws {
        common = try RecordListFilter(request)
        tag = CustomerTagFilter.tag(request)
        industry = request.query[String.self, at: "industry"].flatMap { $0.isEmpty ? nil : $0 }
        parent = try request.queryUUID("parent")
    }

    /// One page of accounts with their phones and emails: three queries whatever the page size.
    func page(on db: any Database, paging: PageRequest) async throws -> ListPage<AccountDTO> {
        let query = Account.query(on: db).with(\.$owner).with(\.$createdBy).with(\.$updatedBy)
        if let parent { query.filter(\.$parent.$id == parent) }
        if let industry { query.filter(\.$industry == industry) }
        CustomerTagFilter.narrow(query, to: tag)
        let rows = try await common.rows(query, nameColumn: "name", paging: paging)
        let points = try await ContactPoint.query(on: db).filter(\.$account.$id ~~ rows.prefix(paging.limit).compactMap(\.id))
            .sort(\.$position).all()
        return Keyset.listPage(rows, paging: paging) { account in AccountDTO(account, points: points.filter { $0.$account.id == account.id }) }
    }
}

/// The filters of the contact list.
struct ContactFilter {
    var common: RecordListFilter
    var tag: String?
    var account: UUID?

    init(_ request: Request) throws {
        common = try RecordListFilter(request)
        tag = CustomerTagFilter.tag(request)
        account = try request.queryUUID("account")
    }

    /// Keeps the contacts of the account and tag asked for (`common` adds its own when paging).
    func narrow(_ query: QueryBuilder<Contact>) {
        if let account { query.filter(\.$account.$id == account) }
        CustomerTagFilter.narrow(query, to: tag)
    }

    /// The page's ids through the filters and paging every list shares, then the contacts themselves through
    /// `ContactRows`: three statements whatever the page size, and no models per row.
    func page(on db: any Database, paging: PageRequest) async throws -> ListPage<ContactDTO> {
        let query = Contact.query(on: db).field(\.$id)
        narrow(query)
        let rows = try await common.rows(query, nameColumn: "display_name", paging: paging)
        let contacts = try await ContactRows.dtos(rows.prefix(paging.limit).compactMap(\.id), on: db)
        return ListPage(items: contacts, nextCursor: Keyset.nextCursor(rows, paging: paging))
    }
}

/// `?tag=`: only the accounts or contacts carrying the tag (tags are kept lower-case).
enum CustomerTagFilter {
    static func tag(_ request: Request) -> String? {
        request.query[String.self, at: "tag"].flatMap { $0.isEmpty ? nil : $0.lowercased() }
    }

    static func narrow<R: OwnedRecord>(_ query: QueryBuilder<R>, to tag: String?) {
        guard let tag else { return }
        query.join(CustomerTag.self, on: \R._$id == \CustomerTag.$subjectID)
            .filter(CustomerTag.self, \.$subjectType == R.noun).filter(CustomerTag.self, \.$tag == tag)
    }
}
