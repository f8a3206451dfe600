import CRMCore
import Fluent
import Vapor

/// The filters of the order list, read from the query string by the API and the list page alike.
struct OrderFilter {
    var account: UUID?
    var salesperson: UUID?
    var status: OrderStatus?
    /// Months written `YYYY-MM`, both ends included.
    var from: String?
    var to: String?

    init(account: UUID? = nil, salesperson: UUID? = nil, status: OrderStatus? = nil, from: String? = nil, to: String? = nil) {
        (self.account, self.salesperson, self.status, self.from, self.to) = (account, salesperson, status, from, to)
    }

    init(_ request: Request) throws {
        account = try request.queryUUID("account")
        salesperson = try request.queryUUID("salesperson")
        var fields: [String: String] = [:]
        if let raw = request.query[String.self, at: "status"], !raw.isEmpty {
            status = OrderStatus(rawValue: raw)
            if status == nil { fields["status"] = "must be one of " + OrderStatus.allCases.map(\.rawValue).joined(separator: ", ") }
        }
        from = request.queryMonth("from", into: &fields)
        to = request.queryMonth("to", into: &fields)
        guard fields.isEmpty else { throw APIError.badRequest("A parameter is not valid.", fields: fields) }
    }

    /// Orders newest first, keyset-paged: four queries whatever the page size (orders, salespeople, lines, names).
    func page(on db: any Database, paging: PageRequest) async throws -> ListPage<OrderDTO> {
        let rows = try await Keyset.page(filtered(Order.query(on: db).with(\.$salesperson).with(\.$lines)), by: "number", descending: true, paging: paging).all()
        let names = try await CustomerDirectory(db: db).names(accounts: rows.prefix(paging.limit).map(\.accountID))
        return Keyset.listPage(rows, paging: paging) { OrderDTO($0, names: names) }
    }

    /// One order as the list page shows it: no lines, so the page reads only the columns it shows.
    struct Summary: Content {
        let id: UUID
        let number: Int
        let account: AccountRef
        let salesperson: String?
        let orderDate: String
        let status: String
        let revenueMinor: Int64
        let profitMinor: Int64
        let currency: String
    }

    /// The list page's orders, as `page` finds them, in three queries (orders, account names, salespeople's names).
    func summaries(on db: any Database, paging: PageRequest) async throws -> ListPage<Summary> {
        let query = Order.query(on: db).field(\.$id).field(\.$number).field(\.$accountID).field(\.$salesperson.$id).field(\.$orderDate)
            .field(\.$status).field(\.$revenueMinor).field(\.$costMinor).field(\.$currency)
        let rows = try await Keyset.page(filtered(query), by: "number", descending: true, paging: paging).all()
        let shown = rows.prefix(paging.limit)
        let names = try await CustomerDirectory(db: db).names(accounts: shown.map(\.accountID))
        let people = Set(shown.map(\.$salesperson.id))
        let salespeople = people.isEmpty ? [:] : Dictionary(
            try await User.query(on: db).filter(\.$id ~~ people).field(\.$id).field(\.$name).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        return Keyset.listPage(rows, paging: paging) {
            Summary(id: $0.id!, number: $0.number, account: names.account($0.accountID), salesperson: salespeople[$0.$salesperson.id],
                    orderDate: $0.orderDate, status: $0.status, revenueMinor: $0.revenueMinor, profitMinor: $0.revenueMinor - $0.costMinor,
                    currency: $0.currency)
        }
    }

    private func filtered(_ query: QueryBuilder<Order>) -> QueryBuilder<Order> {
        if let account { query.filter(\.$accountID == account) }
        if let salesperson { query.filter(\.$salesperson.$id == salesperson) }
        if let status { query.filter(\.$status == status.rawValue) }
        if let from { query.filter(\.$orderMonth >= from) }
        if let to { query.filter(\.$orderMonth <= to) }
        return query
    }

    static let parameters = [
        APIOperation.query("account", .uuid, "Only this account's"), APIOperation.query("salesperson", .uuid, "Only this salesperson's"),
        APIOperation.query("status", .string(enumeration: OrderStatus.allCases.map(\.rawValue)), "Only in this status"),
        APIOperation.query("from", .string(description: "YYYY-MM"), "Only orders dated in or after this month"),
        APIOperation.query("to", .string(description: "YYYY-MM"), "Only orders dated in or before this month"),
    ]
}

/// What happened to an order and what was billed for it, for the API and the order's page.
enum OrderRecord {
    static func history(of orderID: UUID, on db: any Database) async throws -> [StatusChangeDTO] {
        try await OrderStatusChange.query(on: db).filter(\.$order.$id == orderID).with(\.$changedBy).sort(\.$changedAt).all().map {
            StatusChangeDTO(from: $0.fromStatus, to: $0.toStatus, changedAt: $0.changedAt, changedBy: UserRef($0.changedBy), note: $0.note)
        }
    }

    static func invoices(of orderID: UUID, on db: any Database) async throws -> [InvoiceDTO] {
        try await Invoice.query(on: db).filter(\.$order.$id == orderID).sort(\.$issueDate).sort(\.$number).all().map(InvoiceDTO.init)
    }
}
