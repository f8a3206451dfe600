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

    /// One page of accounts with their phones and emails: three statements whatever the page size (see `AccountRows`).
    func page(on db: any Database, paging: PageRequest) async throws -> ListPage<AccountDTO> {
        let query = Account.query(on: db)
        if let parent { query.filter(\.$parent.$id == parent) }
        if let industry { query.filter(\.$industry == industry) }
        CustomerTagFilter.narrow(query, to: tag)
        let ids = try await common.ids(query, nameColumn: "name", paging: paging)
        let accounts = try await AccountRows.dtos(Array(ids.prefix(paging.limit)), on: db)
        return ListPage(items: accounts, nextCursor: Keyset.nextCursor(ids, paging: paging))
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
        let query = Contact.query(on: db)
        narrow(query)
        let ids = try await common.ids(query, nameColumn: "display_name", paging: paging)
        let contacts = try await ContactRows.dtos(Array(ids.prefix(paging.limit)), on: db)
        return ListPage(items: contacts, nextCursor: Keyset.nextCursor(ids, paging: paging))
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
