import CRMCore
import Fluent
import Vapor

/// A product catalogue with high- and low-margin items, and eighteen months of orders for some demo customers
/// (delivered, invoiced and paid, some late; a few still on their way), so profit reports and tiers have figures.
/// Each order is the account owner's sale, so commissions spread over the salespeople. A few won deals became their
/// orders, and one of those was revised.
enum DemoSales {
    static let catalogue: [(sku: String, name: String, price: Int64, cost: Int64)] = [
        ("PKG-100", "Packaging film, 100 m", 18_000, 9_500),
        ("PKG-500", "Packaging film, 500 m", 79_000, 61_000),
        ("LBL-01", "Label printer", 129_000, 70_000),
        ("LBL-R", "Label rolls, box of 12", 4_500, 3_900),
        ("SVC-INST", "Installation, per day", 65_000, 26_000),
        ("SVC-MAINT", "Maintenance contract, per month", 12_000, 4_000),
        ("SPR-KIT", "Spare parts kit", 24_000, 17_500),
    ]

    /// Adds nothing when products exist already. Returns the number of orders added.
    static func load(into app: Application, seller: User) async throws -> Int {
        guard try await Product.query(on: app.db).count() == 0 else { return 0 }
        let now = app.clock.now()
        let base = app.config.baseCurrency
        let products = ProductStore(db: app.db, actor: seller, now: now, baseCurrency: base)
        var ids: [UUID] = []
        for item in catalogue {
            ids.append(try await products.create(ProductInput(sku: item.sku, name: item.name, priceMinor: item.price, costMinor: item.cost)).requireID())
        }
        // A few dated rates, so the exchange-rate page has something to show (they are rates to the euro).
        if base == "EUR" {
            for (currency, daysAgo, rate) in [("USD", 400, "0.9210"), ("USD", 30, "0.9480"), ("GBP", 400, "1.1720"), ("ZAR", 400, "0.0512")] {
                let input = ExchangeRates.Input(currency: currency, validFrom: CalendarDate.today(at: now).adding(days: -daysAgo).description, rate: rate)
                _ = try await ExchangeRates.record(input, by: seller, base: base, on: app.db)
            }
        }
        let accounts = try await Account.query(on: app.db).filter(\.$archivedAt == nil).sort(\.$name).limit(30).all()
        let orders = OrderStore(db: app.db, actor: seller, now: now, baseCurrency: base)
        let invoices = InvoiceStore(db: app.db, actor: seller, now: now)
        let today = CalendarDate.today(at: now)
        var added = 0
        for (accountIndex, account) in accounts.enumerated() {
            // Bigger customers order more often; some buy mostly low-margin film.
            let count = 2 + accountIndex % 5
            for orderIndex in 0..<count {
                let daysAgo = 20 + (orderIndex * 540 / count + accountIndex * 7) % 540
                let date = today.adding(days: -daysAgo)
                let lines = (0..<(1 + (accountIndex + orderIndex) % 3)).map { lineIndex -> OrderLineInput in
                    let product = ids[(accountIndex * 3 + orderIndex + lineIndex * 2) % ids.count]
                    return OrderLineInput(productId: product, quantity: Int64(1 + (accountIndex + lineIndex * 5) % 9),
                                          discountBasisPoints: lineIndex == 0 && accountIndex % 4 == 0 ? 500 : 0)
                }
                let order = try await orders.create(OrderInput(accountId: account.id, salespersonId: account.$owner.id, orderDate: date.description, lines: lines))
                added += 1
                // Recent orders are still on their way; older ones were delivered, invoiced and paid.
                let path: [OrderStatus] = daysAgo < 40 ? [] : daysAgo < 60 ? [.inProduction] : daysAgo < 80 ? [.shipped] : [.shipped, .delivered]
                for status in path { try await orders.move(order, to: status.rawValue, note: nil) }
                guard path.last == .delivered else { continue }
                let invoice = try await invoices.invoice(order, InvoiceInput(issueDate: date.adding(days: 3).description))
                guard accountIndex % 7 != 3 else { continue }
                let late = accountIndex % 3 == 0 ? 12 + accountIndex % 20 : -5
                let paidOn = CalendarDate(invoice.dueDate)!.adding(days: late)
                guard paidOn < today else { continue }
                _ = try await invoices.pay(invoice, PaymentInput(paidOn: paidOn.description, amountMinor: invoice.amountMinor, method: "bank_transfer"))
            }
        }
        // Won deals in the base currency became their orders (the spare parts kit); the first was revised before it shipped.
        let won = try await Opportunity.query(on: app.db).filter(\.$outcome == StageOutcome.won.rawValue).filter(\.$currency == base)
            .sort(\.$name).sort(\.$accountID).limit(3).all()
        var fromDeals: [Order] = []
        for deal in won {
            fromDeals.append(try await orders.create(OrderInput(
                accountId: deal.accountID, salespersonId: deal.$owner.id, orderDate: today.adding(days: -6).description, opportunityId: deal.id,
                lines: [OrderLineInput(productId: ids[6], quantity: 4), OrderLineInput(productId: ids[4], quantity: 1)])))
            added += 1
        }
        if let first = fromDeals.first {
            let order = try await OrderStore.load(first.requireID(), on: app.db)
            try await orders.revise(order, OrderRevisionInput(
                lines: [OrderLineInput(productId: ids[6], quantity: 6), OrderLineInput(productId: ids[4], quantity: 1)],
                reason: "The customer asked for two more kits by phone"), expectedVersion: order.version)
        }
        _ = try await ProfitTiering(db: app.db, now: now).recompute()
        return added
    }
}
