import CRMCore
import Fluent
import Vapor

/// Products, orders and their fulfilment, invoices and payments, profit contribution, customer tiers by profit
/// and commissions.
enum SalesArea: Area {
    static let migrations: [any Migration] = [CreateProducts(), CreateOrders(), CreateInvoices(), AddCreditLimit(), CreateDocumentCounters(),
                                                   LinkOrdersToDeals(), CreateOrderRevisions(), IndexOrdersForLists()]

    static var commands: [(name: String, command: any AnyAsyncCommand)] { [("tiers", TiersCommand())] }

    static var schemas: [(String, JSONSchema)] {
        [
            ("ProductInput", ProductDTO.inputSchema), ("Product", ProductDTO.schema), ("MarginTier", MarginTiersStore.schema),
            ("ExchangeRate", ExchangeRates.schema), ("TierSettings", ProfitTiering.Settings.schema),
            ("OrderInput", OrderDTO.inputSchema), ("Order", OrderDTO.schema), ("Invoice", InvoiceDTO.schema), ("OverdueInvoice", Receivables.OverdueInvoice.schema), ("AccountSales", AccountSales.schema),
            ("CommissionReport", Commissions.schema), ("ImportReport", SalesImport.Report.schema),
            ("TierDisagreements", ProfitTiering.Disagreements.schema),
        ]
    }

    static func routes(_ routes: AreaRoutes) throws {
        let api = routes.api
        api.get("products", use: ProductsAPIController.list)
        api.post("products", use: ProductsAPIController.create)
        api.get("products", ":productID", use: ProductsAPIController.show)
        api.patch("products", ":productID", use: ProductsAPIController.patch)
        api.get("products", ":productID", "prices", use: ProductsAPIController.priceHistory)
        api.get("margin-tiers", use: ProductsAPIController.marginTiers)
        api.put("margin-tiers", use: ProductsAPIController.replaceMarginTiers)
        api.get("exchange-rates", use: ProductsAPIController.exchangeRates)
        api.post("exchange-rates", use: ProductsAPIController.recordRate)
        api.delete("exchange-rates", ":currency", ":validFrom", use: ProductsAPIController.removeRate)
        api.get("tier-settings", use: ProductsAPIController.tierSettings)
        api.put("tier-settings", use: ProductsAPIController.saveTierSettings)
        api.post("tiers", "recompute", use: ProductsAPIController.recomputeTiers)

        api.get("orders", use: OrdersAPIController.list)
        api.post("orders", use: OrdersAPIController.create)
        api.get("orders", ":orderID", use: OrdersAPIController.show)
        api.post("orders", ":orderID", "status", use: OrdersAPIController.move)
        api.get("orders", ":orderID", "history", use: OrdersAPIController.history)
        api.post("orders", ":orderID", "revisions", use: OrdersAPIController.revise)
        api.get("orders", ":orderID", "revisions", use: OrdersAPIController.revisions)
        api.post("orders", ":orderID", "invoices", use: OrdersAPIController.invoice)
        api.post("orders", ":orderID", "credit-notes", use: OrdersAPIController.creditNote)
        api.post("invoices", ":invoiceID", "payments", use: OrdersAPIController.pay)
        api.get("invoices", "overdue", use: OrdersAPIController.overdue)
        api.get("accounts", ":accountID", "invoices", use: OrdersAPIController.accountInvoices)
        api.get("accounts", ":accountID", "sales", use: OrdersAPIController.accountSales)
        api.put("accounts", ":accountID", "credit-limit", use: OrdersAPIController.setCreditLimit)

        api.get("reports", "profit", use: ProfitAPIController.rankingJSON)
        api.get("reports", "profit.csv", use: ProfitAPIController.rankingCSV)
        api.get("reports", "profit", "accounts", ":accountID", use: ProfitAPIController.account)
        api.get("reports", "profit", "accounts", ":accountID", "csv", use: ProfitAPIController.accountCSV)

        api.get("reports", "commissions", use: ProfitAPIController.commissionsJSON)
        api.get("reports", "tier-disagreements", use: ProfitAPIController.tierDisagreements)
        api.on(.POST, "imports", ":kind", body: .collect(maxSize: "50mb"), use: OrdersAPIController.importCSV)

        routes.pages.get(Site.orders, use: OrderPagesController.list)
        routes.pages.get(Site.accountOrderNew, use: OrderPagesController.new)
        routes.pages.post(Site.accountOrderNew, use: OrderPagesController.create)
        routes.pages.get(Site.order, use: OrderPagesController.show)
        routes.pages.post(Site.orderStatus, use: OrderPagesController.move)
        routes.pages.post(Site.orderInvoices, use: OrderPagesController.invoice)
        routes.pages.post(Site.orderCreditNotes, use: OrderPagesController.creditNote)
        routes.pages.get(Site.salesImport, use: SalesImportPages.form)
        FormBodyLimit.upload(routes.pages, Site.salesImport, maxSize: "50mb", use: SalesImportPages.preview)
        FormBodyLimit.upload(routes.pages, Site.salesImportConfirm, maxSize: "50mb", use: SalesImportPages.confirm)
        routes.pages.get(Site.orderRevise, use: OrderRevisionPage.show)
        routes.pages.post(Site.orderRevise, use: OrderRevisionPage.save)
        routes.pages.post(Site.invoicePayment, use: OrderPagesController.pay)
        routes.pages.get(Site.overdueInvoices, use: ReceivablesPage.overdue)
        routes.pages.get(Site.marginTiers, use: MarginTiersPage.show)
        routes.pages.post(Site.marginTiers, use: MarginTiersPage.save)
        routes.pages.get(Site.exchangeRates, use: ExchangeRatesPage.show)
        routes.pages.post(Site.exchangeRates, use: ExchangeRatesPage.record)
        routes.pages.post(Site.exchangeRateRemove, use: ExchangeRatesPage.remove)
        routes.pages.get(Site.products, use: ProductPagesController.list)
        routes.pages.get(Site.productNew, use: ProductPagesController.new)
        routes.pages.post(Site.productNew, use: ProductPagesController.create)
        routes.pages.get(Site.product, use: ProductPagesController.show)
        routes.pages.get(Site.productEdit, use: ProductPagesController.edit)
        routes.pages.post(Site.productEdit, use: ProductPagesController.update)
        routes.pages.get(Site.commissions, use: ProfitPage.commissions)
        routes.pages.get(Site.tiers, use: ProfitPage.tiers)
        routes.pages.get(Site.profit, use: ProfitPage.show)
        routes.pages.get(Site.profitCSV, use: ProfitPage.csv)
        routes.pages.get(Site.accountProfit, use: ProfitPage.account)
    }

    static var apiOperations: [APIOperation] {
        let product = APIOperation.pathParameter("productID", "The product's id")
        let order = APIOperation.pathParameter("orderID", "The order's id")
        let account = APIOperation.pathParameter("accountID", "The account's id")
        let invoice = APIOperation.pathParameter("invoiceID", "The invoice's id")
        let period = [APIOperation.query("from", .string(description: "YYYY-MM, default January this year"), "First month"),
                      APIOperation.query("to", .string(description: "YYYY-MM, default this month"), "Last month")]
        let compare = [APIOperation.query("compareFrom", .string(description: "YYYY-MM"), "First month of the period to compare with"),
                       APIOperation.query("compareTo", .string(description: "YYYY-MM"), "Last month of the period to compare with")]
        let figures = JSONSchema.object(ProfitReports.Figures.fields)
        let bucket = JSONSchema.object([("key", .string()), ("label", .string()), ("quantity", .nullable(.integer())), ("figures", figures)])
        let ranking = JSONSchema.object([
            ("from", .string()), ("to", .string()), ("compareFrom", .nullable(.string())), ("compareTo", .nullable(.string())), ("currency", .string()),
            ("totals", figures), ("accounts", .integer()), ("nextOffset", .nullable(.integer())),
            ("rows", .array(.object([("rank", .integer()), ("account", .ref("AccountRef")), ("orders", .integer()), ("figures", figures),
                                     ("previousProfitMinor", .nullable(.integer())), ("changeMinor", .nullable(.integer()))]))),
        ])
        let accountProfit = JSONSchema.object([("account", .ref("AccountRef")), ("from", .string()), ("to", .string()), ("currency", .string()),
                                               ("totals", figures), ("months", .array(bucket)), ("years", .array(bucket)),
                                               ("products", .array(bucket)), ("orders", .array(bucket))])
        let priceChange = JSONSchema.object([("priceMinor", .integer()), ("costMinor", .integer()), ("marginBasisPoints", .nullable(.integer())), ("changedAt", .dateTime)])
        return [
            .init(method: .GET, path: "/products", summary: "Products by SKU", tag: "Sales",
                  parameters: [APIOperation.query("active", .boolean, "false lists retired products")] + APIOperation.pagingParameters,
                  response: .object([("items", .array(.ref("Product"))), ("nextCursor", .string())]), errors: [400, 401]),
            .init(method: .POST, path: "/products", summary: "Add a product (managers, admins)", tag: "Sales",
                  requestBody: .ref("ProductInput"), successStatus: 201, response: .ref("Product"), errors: [400, 401, 403, 422]),
            .init(method: .GET, path: "/products/{productID}", summary: "One product", tag: "Sales", parameters: [product],
                  response: .ref("Product"), errors: [400, 401, 404]),
            .init(method: .PATCH, path: "/products/{productID}", summary: "Change a product (If-Match required; managers, admins)", tag: "Sales",
                  parameters: [product], requestBody: .ref("ProductInput"), response: .ref("Product"), errors: [400, 401, 403, 404, 409, 422, 428]),
            .init(method: .GET, path: "/products/{productID}/prices", summary: "A product's price and cost history", tag: "Sales",
                  parameters: [product], response: .array(priceChange), errors: [400, 401, 404]),
            .init(method: .GET, path: "/margin-tiers", summary: "Product tiers by margin and their commission rates", tag: "Sales",
                  response: .array(.ref("MarginTier"))),
            .init(method: .PUT, path: "/margin-tiers", summary: "Replace the margin tiers (admins)", tag: "Sales",
                  requestBody: .object([("tiers", .array(.ref("MarginTier")))], required: ["tiers"]), response: .array(.ref("MarginTier")),
                  errors: [400, 401, 403, 422]),
            .init(method: .GET, path: "/exchange-rates", summary: "Recorded exchange rates to the base currency", tag: "Sales",
                  response: .array(.ref("ExchangeRate"))),
            .init(method: .POST, path: "/exchange-rates", summary: "Record an exchange rate (admins)", tag: "Sales",
                  requestBody: .ref("ExchangeRate"), successStatus: 201, response: .ref("ExchangeRate"), errors: [400, 401, 403, 409, 422]),
            .init(method: .DELETE, path: "/exchange-rates/{currency}/{validFrom}", summary: "Remove a rate recorded by mistake (admins)", tag: "Sales",
                  parameters: [.init(name: "currency", location: .path, schema: .string(description: "ISO 4217, e.g. USD"), description: "The rate's currency"),
                               .init(name: "validFrom", location: .path, schema: .string(format: "date"), description: "The day the rate is valid from")],
                  successStatus: 204, errors: [401, 403, 404]),
            .init(method: .GET, path: "/tier-settings", summary: "Shares of profit that make A and B customers", tag: "Sales",
                  response: .ref("TierSettings")),
            .init(method: .PUT, path: "/tier-settings", summary: "Change the tier shares (admins)", tag: "Sales",
                  requestBody: .ref("TierSettings"), response: .ref("TierSettings"), errors: [400, 401, 403, 422]),
            .init(method: .POST, path: "/tiers/recompute", summary: "Recompute customer tiers by trailing 12-month profit (managers, admins)", tag: "Sales",
                  response: .object([("from", .string()), ("to", .string()), ("accounts", .integer()), ("a", .integer()), ("b", .integer()),
                                     ("c", .integer()), ("changed", .integer())]), errors: [401, 403]),
            .init(method: .GET, path: "/orders", summary: "Orders, newest first", tag: "Sales",
                  parameters: OrderFilter.parameters + APIOperation.pagingParameters,
                  response: .object([("items", .array(.ref("Order"))), ("nextCursor", .string())]), errors: [400, 401]),
            .init(method: .POST, path: "/orders", summary: "Book an order with its lines", tag: "Sales",
                  requestBody: .ref("OrderInput"), successStatus: 201, response: .ref("Order"), errors: [400, 401, 403, 422]),
            .init(method: .GET, path: "/orders/{orderID}", summary: "One order with its lines", tag: "Sales", parameters: [order],
                  response: .ref("Order"), errors: [400, 401, 404]),
            .init(method: .POST, path: "/orders/{orderID}/status", summary: "Move an order to its next status", tag: "Sales", parameters: [order],
                  requestBody: .object([("status", .string(enumeration: OrderStatus.allCases.map(\.rawValue))), ("note", .string())], required: ["status"]),
                  response: .ref("Order"), errors: [400, 401, 403, 404, 409, 422]),
            .init(method: .GET, path: "/orders/{orderID}/history", summary: "Every status the order took", tag: "Sales", parameters: [order],
                  response: .array(StatusChangeDTO.schema), errors: [400, 401, 404]),
            .init(method: .POST, path: "/orders/{orderID}/revisions",
                  summary: "Revise the lines of an order that has not shipped or been invoiced (If-Match required; its salesperson, managers, admins)",
                  tag: "Sales", parameters: [order],
                  requestBody: .object([("lines", .array(OrderDTO.lineInputSchema)), ("reason", .string(description: "Why the order changed")),
                                        ("priceReason", .string(description: "Required when a price differs from a quote the customer still holds"))],
                                       required: ["lines"]),
                  response: .ref("Order"), errors: [400, 401, 403, 404, 409, 422, 428]),
            .init(method: .GET, path: "/orders/{orderID}/revisions", summary: "Every revision of the order's lines, oldest first", tag: "Sales",
                  parameters: [order], response: .array(OrderRevisionDTO.schema), errors: [400, 401, 404]),
            .init(method: .POST, path: "/orders/{orderID}/invoices", summary: "Invoice what of the order is not invoiced yet", tag: "Sales",
                  parameters: [order], requestBody: .object([("issueDate", .string(format: "date")), ("dueDate", .string(format: "date"))]),
                  successStatus: 201, response: .ref("Invoice"), errors: [400, 401, 403, 404, 409, 422]),
            .init(method: .POST, path: "/orders/{orderID}/credit-notes", summary: "Credit part of what was invoiced for the order", tag: "Sales",
                  parameters: [order], requestBody: .object([("amountMinor", .integer()), ("reason", .string()), ("issueDate", .string(format: "date"))],
                                                            required: ["amountMinor", "reason"]),
                  successStatus: 201, response: .ref("Invoice"), errors: [400, 401, 403, 404, 422]),
            .init(method: .POST, path: "/invoices/{invoiceID}/payments", summary: "Record a payment, in full or in part", tag: "Sales",
                  parameters: [invoice], requestBody: .object([("paidOn", .string(format: "date")), ("amountMinor", .integer()),
                                                              ("method", .string(enumeration: PaymentMethod.allCases.map(\.rawValue)))], required: ["amountMinor"]),
                  successStatus: 201, response: PaymentDTO.schema, errors: [400, 401, 403, 404, 409, 422]),
            .init(method: .GET, path: "/invoices/overdue", summary: "Invoices past their due date with something outstanding, most overdue first", tag: "Sales",
                  parameters: APIOperation.pagingParameters,
                  response: .object([("items", .array(.ref("OverdueInvoice"))), ("nextCursor", .string())]), errors: [400, 401]),
            .init(method: .GET, path: "/accounts/{accountID}/invoices", summary: "An account's invoices and credit notes", tag: "Sales",
                  parameters: [account], response: .array(.ref("Invoice")), errors: [400, 401, 404]),
            .init(method: .PUT, path: "/accounts/{accountID}/credit-limit", summary: "Set or clear an account's credit limit (managers, admins)", tag: "Sales",
                  parameters: [account], requestBody: .object([("creditLimitMinor", .nullable(.integer(description: "Base currency; null for none")))]),
                  response: .ref("AccountSales"), errors: [400, 401, 403, 404, 422]),
            .init(method: .GET, path: "/accounts/{accountID}/sales", summary: "Tier, open orders, balance, payment record and buying rhythm", tag: "Sales",
                  parameters: [account], response: .ref("AccountSales"), errors: [400, 401, 404]),
            .init(method: .GET, path: "/reports/profit", summary: "Accounts ranked by profit contribution over a period", tag: "Reports",
                  parameters: period + compare + [APIOperation.query("limit", .integer(description: "1–1000, default 50"), "Rows"),
                                                  APIOperation.query("offset", .integer(), "Rows to skip")],
                  response: ranking, errors: [400, 401]),
            .init(method: .GET, path: "/reports/profit.csv", summary: "The profit ranking as CSV", tag: "Reports",
                  parameters: period + compare + [APIOperation.query("limit", .integer(description: "1–1000, default 50"), "Rows"),
                                                  APIOperation.query("offset", .integer(), "Rows to skip")], errors: [400, 401]),
            .init(method: .GET, path: "/reports/profit/accounts/{accountID}", summary: "One account's profit by month, year, product and order", tag: "Reports",
                  parameters: [account] + period, response: accountProfit, errors: [400, 401, 404]),
            .init(method: .POST, path: "/imports/{kind}", summary: "Import products, orders or payments from CSV (all or nothing; see docs/import.md)",
                  tag: "Sales", parameters: [.init(name: "kind", location: .path, schema: .string(enumeration: SalesImport.Kind.allCases.map(\.rawValue)),
                                                   description: "products, orders or payments"),
                                             APIOperation.query("dryRun", .boolean, "true checks every row and reports without writing")],
                  requestBody: .string(description: "The CSV file"), requestContentType: "text/csv", response: .ref("ImportReport"), errors: [400, 401, 403, 404, 409, 422]),
            .init(method: .GET, path: "/reports/tier-disagreements",
                  summary: "Accounts whose tier by revenue differs from their tier by profit (trailing twelve months)", tag: "Reports",
                  response: .ref("TierDisagreements")),
            .init(method: .GET, path: "/reports/commissions", summary: "Revenue, profit and commission per salesperson and month (others see only their own)",
                  tag: "Reports", parameters: period + [APIOperation.query("salesperson", .uuid, "Only this salesperson")],
                  response: .ref("CommissionReport"), errors: [400, 401, 403]),
            .init(method: .GET, path: "/reports/profit/accounts/{accountID}/csv", summary: "One account's profit as CSV", tag: "Reports",
                  parameters: [account] + period, errors: [400, 401, 404]),
        ]
    }
}
