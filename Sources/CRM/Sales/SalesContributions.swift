import CRMCore
import Fluent
import Vapor

/// What Sales brings to the other areas: the books block an erase, the sales summary on the account card and the
/// caller screen, each account's tier in lists, orders on the account's timeline, and a deal's orders on its page.
extension SalesArea {
    static func contribute(to contributions: inout Contributions) {
        contributions.jobKinds.append(ProfitTiering.recomputeKind)
        contributions.myDaySections.append { userID, request in
            let today = TaskDue.day(of: request.now, in: TimeZone(identifier: request.userTimeZone) ?? .gmt)
            return [ReorderDue.section(try await ReorderDue.accounts(ownedBy: userID, today: today, on: request.db), today: today)]
        }
        contributions.callerDetails.append(.init(key: "sales", schema: .nullable(.ref("AccountSales"))) { accountID, request in
            try await AccountSales.load(accountID: accountID, today: CalendarDate.today(at: request.now), brief: true, on: request.db)
        })
        contributions.timelineSources.append(.init(type: "order", label: "Order", page: Site.order, table: Order.schema, timeColumn: "created_at") { subject, page, db in
            guard case let .account(accountID) = subject else { return [] }
            let query = Order.query(on: db).filter(\.$accountID == accountID).with(\.$salesperson)
            if let user = page.userID { query.filter(\.$salesperson.$id == user) }
            return try await page.page(query, timeColumn: "created_at").all().map {
                TimelineEntry(id: $0.id!, type: "order", occurredAt: $0.createdAt ?? Date(timeIntervalSince1970: 0),
                              title: "Order \($0.number): \(MinorUnits.display($0.revenueMinor, currency: $0.currency))",
                              summary: $0.status, direction: nil, user: UserRef($0.salesperson))
            }
        })
        contributions.accountEraseBlockers.append { accountID, db in
            let orders = try await Order.query(on: db).filter(\.$accountID == accountID).count()
            let invoices = try await Invoice.query(on: db).filter(\.$accountID == accountID).count()
            return orders + invoices > 0 ? "This account has orders or invoices, which the books must keep." : nil
        }
        contributions.cardSections.append { subject, request in
            guard case let .account(accountID) = subject else { return [] }
            let sales = try await AccountSales.load(accountID: accountID, today: CalendarDate.today(at: request.now), on: request.db)
            return [.init(place: .summary, node: SalesPageParts.summary(sales, accountID: accountID))]
        }
        contributions.callerSections.append { _, accountID, request in
            guard let accountID else { return [] }
            let sales = try await AccountSales.load(accountID: accountID, today: CalendarDate.today(at: request.now), brief: true, on: request.db)
            return [.init(place: .summary, node: SalesPageParts.summary(sales, accountID: accountID, compact: true))]
        }
        contributions.dealSections.append { dealID, request in try await DealOrdersSection.node(dealID: dealID, request: request) }
        contributions.accountColumns.append(.init(title: "Tier") { accountIDs, db in
            let tiers = try await AccountTier.query(on: db).filter(\.$accountID ~~ accountIDs).all()
            return Dictionary(tiers.map { ($0.accountID, $0.tier) }, uniquingKeysWith: { first, _ in first })
        })
    }
}
