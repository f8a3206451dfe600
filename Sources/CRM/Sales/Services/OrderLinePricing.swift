import CRMCore
import Fluent
import Foundation

/// Prices an order's lines, for a new order and for a revision alike: the unit price typed, else the price the customer
/// was quoted and still holds, else the list price; the unit cost captured from the product; margin tier and
/// commission; the base-currency figures at the order date's rate. A price that differs from a quote the customer
/// still holds needs a reason (the quote-consistency rule), so colleagues do not contradict each other.
struct OrderLinePricing {
    let db: any Database
    let accountID: UUID
    let orderDate: String
    let currency: String
    let baseCurrency: String

    struct Priced {
        var lines: [OrderLine]
        var revenueMinor: Int64 = 0
        var costMinor: Int64 = 0
        var baseRevenueMinor: Int64 = 0
        var baseCostMinor: Int64 = 0
        var commissionMinor: Int64 = 0
    }

    /// The lines priced, or nil with every problem noted in `fields` under the API's names (`lines[i].…`, `priceReason`).
    func price(_ inputs: [OrderLineInput], priceReason: String?, fields: inout FieldCheck) async throws -> Priced? {
        if inputs.isEmpty { fields.fail("lines", "must hold at least one line") }
        if inputs.count > 500 { fields.fail("lines", "must hold at most 500 lines") }
        let productIDs = Set(inputs.compactMap(\.productId))
        let products = productIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Product.query(on: db).filter(\.$id ~~ productIDs).all().map { ($0.id!, $0) })
        var rate: Decimal = 1
        if fields.errors.isEmpty, currency != baseCurrency {
            if let recorded = try await ExchangeRates.rate(for: currency, on: orderDate, db: db) { rate = recorded }
            else { fields.fail("currency", "has no exchange rate to \(baseCurrency) recorded on or before \(orderDate)") }
        }
        let tiers = try await MarginTiersStore.load(on: db)
        let keys = inputs.map { Self.itemKey($0, product: $0.productId.flatMap { products[$0] }) }
        let quoted = try await Areas.contributions.quotes?.latest(accountID, Set(keys.compactMap { $0 }), orderDate, db) ?? [:]

        var lines: [OrderLine] = []
        var contradictions: [String] = []
        for (index, line) in inputs.enumerated() {
            let path = "lines[\(index)]"
            let product = line.productId.flatMap { products[$0] }
            if line.productId != nil, product == nil { fields.fail(path + ".productId", "names no product") }
            let item = fields.text(line.description, path + ".description", max: 500) ?? product?.name
            if item == nil, line.productId == nil { fields.fail(path + ".description", "is required for a line without a product") }
            // A quote the customer still holds, in the order's currency, is the price they expect.
            let quote = keys[index].flatMap { quoted[$0] }.flatMap { $0.holds(on: orderDate) ? $0 : nil }
            let offered = quote.flatMap { $0.currency == currency ? $0 : nil }
            let usesProductPrices = (line.unitPriceMinor == nil && offered == nil) || line.unitCostMinor == nil
            if let product, usesProductPrices, product.currency != currency {
                fields.fail(path + ".unitPriceMinor", "must be given: the product is priced in \(product.currency), the order is in \(currency)")
                continue
            }
            guard let price = line.unitPriceMinor ?? offered?.unitPriceMinor ?? product?.priceMinor else {
                fields.fail(path + ".unitPriceMinor", "is required for a line without a product")
                continue
            }
            let discount = line.discountBasisPoints ?? (line.unitPriceMinor == nil ? offered?.discountBasisPoints : nil) ?? 0
            let unitCost = line.unitCostMinor ?? product?.costMinor ?? 0
            let figures: LineFigures
            do {
                figures = try LineFigures(quantity: line.quantity ?? 0, unitPriceMinor: price, discountBasisPoints: discount, unitCostMinor: unitCost)
            } catch {
                let field = switch error {
                case .quantity: "quantity"
                case .price, .overflow: "unitPriceMinor"
                case .cost: "unitCostMinor"
                case .discount: "discountBasisPoints"
                }
                fields.fail("\(path).\(field)", error.description)
                continue
            }
            if let quote, let net = QuoteConsistency.netUnit(priceMinor: price, discountBasisPoints: Int(discount)),
               QuoteConsistency.needsReason(newNetUnitMinor: net, currency: currency, earlier: .init(
                   netUnitMinor: quote.netUnitMinor, currency: quote.currency, validUntil: quote.validUntil.flatMap(CalendarDate.init)),
                   on: CalendarDate(orderDate) ?? CalendarDate(dayNumber: 0)) {
                contradictions.append("line \(index + 1) (\(item ?? "")) differs from \(MinorUnits.display(quote.netUnitMinor, currency: quote.currency)) quoted on \(quote.quotedOn)"
                                      + (quote.quotedBy.map { " by " + $0 } ?? "") + (quote.validUntil.map { ", valid until " + $0 } ?? ""))
            }
            guard let baseRevenue = CurrencyConversion.convert(Money(minor: figures.revenueMinor, currency: currency), rate: rate, to: baseCurrency),
                  let baseCost = CurrencyConversion.convert(Money(minor: figures.costMinor, currency: currency), rate: rate, to: baseCurrency) else {
                fields.fail(path + ".unitPriceMinor", "amounts are too large")
                continue
            }
            let margin = Margin.basisPoints(priceMinor: figures.revenueMinor, costMinor: figures.costMinor)
            let row = OrderLine()
            row.position = index
            row.$product.id = product?.id
            row.item = item ?? ""
            row.quantity = line.quantity ?? 0
            row.unitPriceMinor = price
            row.discountBasisPoints = discount
            row.unitCostMinor = unitCost
            row.revenueMinor = figures.revenueMinor
            row.costMinor = figures.costMinor
            row.baseRevenueMinor = baseRevenue.minor
            row.baseCostMinor = baseCost.minor
            row.marginTier = tiers.tier(forMargin: margin).code
            row.commissionMinor = tiers.commissionMinor(revenueMinor: baseRevenue.minor, marginBasisPoints: margin)
            lines.append(row)
        }
        if !contradictions.isEmpty, priceReason == nil {
            fields.fail("priceReason", "is required: " + contradictions.joined(separator: "; "))
        }
        // Totals of many large lines, converted at a large rate, could pass what 64 bits hold.
        func total(_ figure: (OrderLine) -> Int64) -> Int64? {
            var sum: Int64 = 0
            for line in lines {
                let (next, overflow) = sum.addingReportingOverflow(figure(line))
                if overflow { return nil }
                sum = next
            }
            return sum
        }
        let totals = [total(\.revenueMinor), total(\.costMinor), total(\.baseRevenueMinor), total(\.baseCostMinor), total(\.commissionMinor)]
        if totals.contains(where: { $0 == nil }) { fields.fail("lines", "amounts are too large") }
        guard fields.errors.isEmpty else { return nil }
        return Priced(lines: lines, revenueMinor: totals[0]!, costMinor: totals[1]!, baseRevenueMinor: totals[2]!,
                      baseCostMinor: totals[3]!, commissionMinor: totals[4]!)
    }

    /// The key quotes of this item are kept under: the product, or the free text.
    static func itemKey(_ line: OrderLineInput, product: Product?) -> String? {
        QuoteConsistency.itemKey(productID: product?.id?.uuidString, description: product == nil ? line.description : nil)
    }

    /// Copies the priced figures onto the order and ties each line to it.
    static func apply(_ priced: Priced, to order: Order) throws {
        order.revenueMinor = priced.revenueMinor
        order.costMinor = priced.costMinor
        order.baseRevenueMinor = priced.baseRevenueMinor
        order.baseCostMinor = priced.baseCostMinor
        order.commissionMinor = priced.commissionMinor
        for line in priced.lines {
            line.$order.id = try order.requireID()
            line.accountID = order.accountID
            line.orderMonth = order.orderMonth
            line.salespersonID = order.$salesperson.id
            line.counts = order.counts
        }
    }
}
