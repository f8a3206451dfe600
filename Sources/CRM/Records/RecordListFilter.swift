import Fluent
import Vapor

/// What every record list filters by, read from the query string by the API and the list page alike: the owner,
/// changed since, archived or not; and its order, by name or by last change. A type's filter adds its own.
struct RecordListFilter {
    var owner: UUID?
    var updatedSince: Date?
    var archived = false
    var sort = ListSort.name

    init(_ request: Request) throws {
        owner = try request.queryUUID("owner")
        updatedSince = try request.queryDate("updatedSince")
        archived = request.query[String.self, at: "archived"] == "true"
        sort = try ListSort.from(request)
    }

    /// Narrows `query` to the filter and fetches one page after the cursor, plus one row to tell whether more follow.
    func rows<R: ArchivableRecord>(_ query: QueryBuilder<R>, nameColumn: String, paging: PageRequest) async throws -> [R] {
        try await paged(query, nameColumn: nameColumn, paging: paging).all()
    }

    /// The ids of one page (and one more, to tell whether more follow), read without building models, for lists that
    /// read their rows in one statement of their own (`ContactRows`, `AccountRows`).
    func ids<R: ArchivableRecord>(_ query: QueryBuilder<R>, nameColumn: String, paging: PageRequest) async throws -> [UUID] where R.IDValue == UUID {
        try await Keyset.ids(paged(query, nameColumn: nameColumn, paging: paging))
    }

    private func paged<R: ArchivableRecord>(_ query: QueryBuilder<R>, nameColumn: String, paging: PageRequest) throws -> QueryBuilder<R> {
        narrow(query)
        return try Keyset.page(query, by: sort.byName ? nameColumn : "updated_at", descending: sort.descending, paging: paging)
    }

    /// Keeps the records the filter selects, in any order (an export reads them all).
    func narrow<R: ArchivableRecord>(_ query: QueryBuilder<R>) {
        let table = R.schemaOrAlias
        query.filter(.path(["archived_at"], schema: table), archived ? .notEqual : .equal, .null)
        if let owner { query.filter(.path(["owner_id"], schema: table), .equal, .bind(owner)) }
        if let updatedSince { query.filter(.path(["updated_at"], schema: table), .greaterThanOrEqual, .bind(updatedSince)) }
    }

}
