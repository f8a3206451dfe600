import CRMCore
import Fluent
import Vapor

/// Brings a company's history in from CSV: products, orders (one row per line) and payments. Every row goes
/// through the same checks as the API, inside one transaction: the import is all or nothing, and a dry run does
/// everything but commit. Errors name the file's line and column. Columns are described in docs/import.md.
struct SalesImport {
    enum Kind: String, CaseIterable {
        case products, orders, payments
    }

    struct Report: Content {
        let kind: String
        let dryRun: Bool
        let rows: Int
        var products = 0
        var orders = 0
        var lines = 0
        var invoices = 0
        var payments = 0

        static let schema = JSONSchema.object([
            ("kind", .string(enumeration: Kind.allCases.map(\.rawValue))), ("dryRun", .boolean), ("rows", .integer()), ("products", .integer()),
            ("orders", .integer()), ("lines", .integer()), ("invoices", .integer()), ("payments", .integer()),
        ], required: ["kind", "dryRun", "rows", "products", "orders", "lines", "invoices", "payments"])
    }

    let db: any Database
    let actor: User
    let now: Date
    let baseCurrency: String

    /// Thrown to roll back a dry run that found nothing wrong.
    private struct DryRunDone: Error { let report: Report }

    func run(_ kind: Kind, csv text: String, dryRun: Bool) async throws -> Report {
        guard actor.role.canImport else { throw APIError.forbidden }
        let table: CSVTable
        do {
            table = try CSVTable(text)
        } catch {
            throw APIError.invalid(["line \(error.line)": error.message])
        }
        let required: [String] = switch kind {
        case .products: ["sku"]
        case .orders: ["order_ref", "account", "quantity"]
        case .payments: ["order_ref", "amount"]
        }
        let missing = required.filter { !table.columns.contains($0) }
        guard missing.isEmpty else { throw APIError.invalid(["line 1": "misses the column(s) " + missing.joined(separator: ", ")]) }
        guard !table.rows.isEmpty else { throw APIError.invalid(["line 2": "there are no rows to import"]) }
        do {
            return try await db.transaction { db in
                var errors = Errors()
                var report = Report(kind: kind.rawValue, dryRun: dryRun, rows: table.rows.count)
                switch kind {
                case .products: try await products(table, on: db, errors: &errors, report: &report)
                case .orders: try await orders(table, on: db, errors: &errors, report: &report)
                case .payments: try await payments(table, on: db, errors: &errors, report: &report)
                }
                if !errors.fields.isEmpty {
                    throw APIError(.unprocessableEntity, code: "validation_failed",
                                   message: "The file has \(errors.fields.count) error(s); nothing was imported.", fields: errors.fields)
                }
                if dryRun { throw DryRunDone(report: report) }
                return report
            }
        } catch let done as DryRunDone {
            return done.report
        }
    }

    /// Field errors keyed "line N: column", at most 200 (enough to fix a file in rounds).
    struct Errors {
        private(set) var fields: [String: String] = [:]

        mutating func add(_ line: Int, _ column: String, _ message: String) {
            guard fields.count < 200 else { return }
            fields["line \(line): \(column)"] = message
        }

        /// Maps an API error's fields (`lines[2].quantity`) onto the rows they came from.
        mutating func add(_ error: APIError, rows: [CSVTable.Row], columns: [String: String]) {
            for (field, message) in error.fields {
                var row = rows[0]
                var name = field
                if field.hasPrefix("lines["), let close = field.firstIndex(of: "]"), let index = Int(field.dropFirst(6).prefix(upTo: close)), index < rows.count {
                    row = rows[index]
                    name = String(field[field.index(after: close)...].dropFirst())
                }
                add(row.line, columns[name] ?? name, message)
            }
            if error.fields.isEmpty { add(rows[0].line, "row", error.message) }
        }
    }

    /// An amount in `currency`'s minor units; a percentage comes as basis points (`decimals` 2).
    private func amount(_ row: CSVTable.Row, _ column: String, currency: String? = nil, decimals: Int? = nil, errors: inout Errors) -> Int64? {
        guard let text = row[column] else { return nil }
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        guard let value = decimals.map({ MinorUnits.parse(digits, decimals: $0) }) ?? MinorUnits.parse(digits, currency: currency ?? baseCurrency) else {
            errors.add(row.line, column, "must be an amount such as 1250.50")
            return nil
        }
        return negative ? -value : value
    }

    private func products(_ table: CSVTable, on db: any Database, errors: inout Errors, report: inout Report) async throws {
        let store = ProductStore(db: db, actor: actor, now: now, baseCurrency: baseCurrency)
        let columns = ["sku": "sku", "name": "name", "description": "description", "unit": "unit", "priceMinor": "price", "costMinor": "cost", "currency": "currency"]
        var seen: [String: Int] = [:]
        for row in table.rows {
            let sku = row["sku"] ?? ""
            if let first = seen[sku] {
                errors.add(row.line, "sku", "repeats line \(first)")
                continue
            }
            seen[sku] = row.line
            let currency = (row["currency"] ?? baseCurrency).uppercased()
            var active: Bool?
            if let text = row["active"]?.lowercased() {
                switch text {
                case "true", "yes", "1": active = true
                case "false", "no", "0": active = false
                default: errors.add(row.line, "active", "must be true or false")
                }
            }
            let input = ProductInput(sku: row["sku"], name: row["name"], description: row["description"], unit: row["unit"],
                                     priceMinor: amount(row, "price", currency: currency, errors: &errors),
                                     costMinor: amount(row, "cost", currency: currency, errors: &errors), currency: row["currency"], isActive: active)
            do {
                if let existing = try await Product.query(on: db).filter(\.$sku == sku).first() {
                    try await store.update(existing, with: input, expectedVersion: existing.version)
                } else {
                    _ = try await store.create(input)
                }
                report.products += 1
            } catch let error as APIError {
                errors.add(error, rows: [row], columns: columns)
            }
        }
    }

    private func orders(_ table: CSVTable, on db: any Database, errors: inout Errors, report: inout Report) async throws {
        let store = OrderStore(db: db, actor: actor, now: now, baseCurrency: baseCurrency)
        let invoices = InvoiceStore(db: db, actor: actor, now: now)
        let columns = ["accountId": "account", "orderDate": "order_date", "currency": "currency", "status": "status", "salespersonId": "salesperson",
                       "externalRef": "order_ref", "productId": "sku", "description": "description", "quantity": "quantity",
                       "unitPriceMinor": "unit_price", "unitCostMinor": "unit_cost", "discountBasisPoints": "discount_percent",
                       "priceReason": "price_reason"]
        var groups: [(ref: String, rows: [CSVTable.Row])] = []
        var groupIndex: [String: Int] = [:]
        for row in table.rows {
            guard let ref = row["order_ref"] else {
                errors.add(row.line, "order_ref", "is required")
                continue
            }
            if let index = groupIndex[ref] { groups[index].rows.append(row) } else {
                groupIndex[ref] = groups.count
                groups.append((ref, [row]))
            }
        }
        let skus = Set(table.rows.compactMap { $0["sku"] })
        let products = Dictionary(try await Product.query(on: db).filter(\.$sku ~~ skus).all().map { ($0.sku, $0) }, uniquingKeysWith: { a, _ in a })
        var accounts: [String: UUID] = [:]
        var salespeople: [String: UUID] = [:]
        for (ref, rows) in groups {
            // Errors found here make the store's checks of this order moot (they would only repeat them).
            let errorsBefore = errors.fields.count
            let head = rows[0]
            for row in rows.dropFirst() {
                for column in ["account", "order_date", "currency", "status", "salesperson", "invoice_date", "due_date", "price_reason"] where row[column] != nil && row[column] != head[column] {
                    errors.add(row.line, column, "differs from line \(head.line) of the same order \(ref)")
                }
            }
            let currency = (head["currency"] ?? baseCurrency).uppercased()
            var accountID: UUID?
            if let key = head["account"] {
                if let known = accounts[key] { accountID = known } else if let id = UUID(uuidString: key) { accountID = id } else {
                    let named = try await CustomerDirectory(db: db).activeAccounts(named: key)
                    if named.count == 1 { accountID = named[0]; accounts[key] = named[0] }
                    else { errors.add(head.line, "account", named.isEmpty ? "names no account" : "names more than one account; give its id") }
                }
            }
            var salespersonID: UUID?
            if let email = head["salesperson"]?.lowercased() {
                if let known = salespeople[email] { salespersonID = known }
                else if let user = try await User.query(on: db).filter(\.$email == email).first() { salespersonID = user.id; salespeople[email] = user.id }
                else { errors.add(head.line, "salesperson", "names no user") }
            }
            var target = OrderStatus.confirmed
            if let raw = head["status"] {
                if let status = OrderStatus(rawValue: raw), status != .draft { target = status }
                else { errors.add(head.line, "status", "must be one of confirmed, in_production, shipped, delivered, cancelled") }
            }
            let lines = rows.map { row -> OrderLineInput in
                let product = row["sku"].flatMap { products[$0] }
                if row["sku"] != nil, product == nil { errors.add(row.line, "sku", "names no product") }
                var quantity: Int64?
                if let text = row["quantity"] {
                    quantity = Int64(text)
                    if quantity == nil { errors.add(row.line, "quantity", "must be a whole number") }
                }
                return OrderLineInput(productId: product?.id, description: row["description"], quantity: quantity,
                                      unitPriceMinor: amount(row, "unit_price", currency: currency, errors: &errors),
                                      discountBasisPoints: amount(row, "discount_percent", decimals: 2, errors: &errors),
                                      unitCostMinor: amount(row, "unit_cost", currency: currency, errors: &errors))
            }
            guard let accountID, errors.fields.count == errorsBefore else { continue }
            do {
                let order = try await store.create(OrderInput(accountId: accountID, salespersonId: salespersonID, orderDate: head["order_date"],
                                                              currency: currency, status: OrderStatus.confirmed.rawValue, externalRef: ref,
                                                              priceReason: head["price_reason"], lines: lines))
                report.orders += 1
                report.lines += lines.count
                for status in Self.path(to: target) { try await store.move(order, to: status.rawValue, note: "imported") }
                if head["invoice_date"] != nil {
                    _ = try await invoices.invoice(order, InvoiceInput(issueDate: head["invoice_date"], dueDate: head["due_date"]))
                    report.invoices += 1
                }
            } catch let error as APIError {
                errors.add(error, rows: rows, columns: columns.merging(["issueDate": "invoice_date", "dueDate": "due_date"]) { a, _ in a })
            }
        }
    }

    /// The moves from confirmed to `status`, as the workflow takes them.
    static func path(to status: OrderStatus) -> [OrderStatus] {
        switch status {
        case .draft, .confirmed: []
        case .inProduction: [.inProduction]
        case .shipped: [.shipped]
        case .delivered: [.shipped, .delivered]
        case .cancelled: [.cancelled]
        }
    }

    private func payments(_ table: CSVTable, on db: any Database, errors: inout Errors, report: inout Report) async throws {
        let store = InvoiceStore(db: db, actor: actor, now: now)
        for row in table.rows {
            guard let ref = row["order_ref"], let order = try await Order.query(on: db).filter(\.$externalRef == ref).first() else {
                errors.add(row.line, "order_ref", "names no imported order")
                continue
            }
            guard let invoice = try await Invoice.query(on: db).filter(\.$order.$id == order.requireID()).filter(\.$kind == "invoice")
                .sort(\.$number).all().first(where: { $0.paidMinor < $0.amountMinor }) else {
                errors.add(row.line, "order_ref", "has no unpaid invoice")
                continue
            }
            do {
                _ = try await store.pay(invoice, PaymentInput(paidOn: row["paid_on"], amountMinor: amount(row, "amount", currency: invoice.currency, errors: &errors),
                                                             method: row["method"]))
                report.payments += 1
            } catch let error as APIError {
                errors.add(error, rows: [row], columns: ["paidOn": "paid_on", "amountMinor": "amount", "method": "method"])
            }
        }
    }
}
