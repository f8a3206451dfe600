import CRMCore
import Fluent
import Foundation
import Vapor

struct OrderLineDTO: Content {
    let id: UUID
    let position: Int
    let productId: UUID?
    let description: String
    let quantity: Int64
    let unitPriceMinor: Int64
    let discountBasisPoints: Int64
    let unitCostMinor: Int64
    let revenueMinor: Int64
    let costMinor: Int64
    let profitMinor: Int64
    let marginTier: String
    let commissionMinor: Int64

    init(_ line: OrderLine) {
        id = line.id!
        position = line.position
        productId = line.$product.id
        description = line.item
        quantity = line.quantity
        unitPriceMinor = line.unitPriceMinor
        discountBasisPoints = line.discountBasisPoints
        unitCostMinor = line.unitCostMinor
        revenueMinor = line.revenueMinor
        costMinor = line.costMinor
        profitMinor = line.revenueMinor - line.costMinor
        marginTier = line.marginTier
        commissionMinor = line.commissionMinor
    }
}

struct OrderDTO: Content {
    let id: UUID
    let number: Int
    let account: AccountRef
    let contactId: UUID?
    let salesperson: UserRef?
    let orderDate: String
    let currency: String
    let status: String
    let statusChangedAt: Date
    let nextStatuses: [String]
    let revenueMinor: Int64
    let costMinor: Int64
    let profitMinor: Int64
    let baseRevenueMinor: Int64
    let baseCostMinor: Int64
    let commissionMinor: Int64
    let note: String?
    let externalRef: String?
    let opportunityId: UUID?
    let priceReason: String?
    let lines: [OrderLineDTO]
    let version: Int
    /// Told when the order is booked, e.g. that it takes the account past its credit limit.
    var warnings: [String] = []

    /// `order` must have salesperson and lines loaded; `names` holds its account's.
    init(_ order: Order, names: CustomerDirectory.Names) {
        id = order.id!
        number = order.number
        account = names.account(order.accountID)
        contactId = order.contactID
        salesperson = UserRef(order.salesperson)
        orderDate = order.orderDate
        currency = order.currency
        status = order.status
        statusChangedAt = order.statusChangedAt
        nextStatuses = (OrderStatus(rawValue: order.status)?.next ?? []).map(\.rawValue)
        revenueMinor = order.revenueMinor
        costMinor = order.costMinor
        profitMinor = order.revenueMinor - order.costMinor
        baseRevenueMinor = order.baseRevenueMinor
        baseCostMinor = order.baseCostMinor
        commissionMinor = order.commissionMinor
        note = order.note
        externalRef = order.externalRef
        opportunityId = order.opportunityID
        priceReason = order.priceReason
        lines = order.lines.sorted { $0.position < $1.position }.map(OrderLineDTO.init)
        version = order.version
    }

    static let lineInputSchema = JSONSchema.object([
        ("productId", .uuid), ("description", .string(description: "Required without a product")), ("quantity", .integer(description: "Whole units, at least 1")),
        ("unitPriceMinor", .integer(description: "Default: the price the customer was quoted and still holds, else the product's list price")), ("discountBasisPoints", .integer(description: "1250 = 12.5 %")),
        ("unitCostMinor", .integer(description: "Default: the product's cost now, captured on the line")),
    ], required: ["quantity"])
    static let inputSchema = JSONSchema.object([
        ("accountId", .uuid), ("contactId", .uuid), ("salespersonId", .uuid), ("orderDate", .string(format: "date")),
        ("currency", .string(description: "ISO 4217; default the base currency")), ("status", .string(enumeration: ["draft", "confirmed"])),
        ("note", .string()), ("externalRef", .string(description: "The order's key in another system; unique")),
        ("opportunityId", .uuid), ("priceReason", .string(description: "Required when a price differs from a quote the customer still holds")),
        ("lines", .array(lineInputSchema)),
    ], required: ["accountId", "lines"])
    static let schema = JSONSchema.object([
        ("id", .uuid), ("number", .integer()), ("account", .ref("AccountRef")), ("contactId", .nullable(.uuid)), ("salesperson", .nullable(.ref("UserRef"))),
        ("orderDate", .string(format: "date")), ("currency", .string()), ("status", .string(enumeration: OrderStatus.allCases.map(\.rawValue))),
        ("statusChangedAt", .dateTime), ("nextStatuses", .array(.string())), ("revenueMinor", .integer()), ("costMinor", .integer()),
        ("profitMinor", .integer()), ("baseRevenueMinor", .integer()), ("baseCostMinor", .integer()), ("commissionMinor", .integer(description: "In the base currency")),
        ("note", .nullable(.string())), ("externalRef", .nullable(.string())),
        ("opportunityId", .nullable(.uuid)), ("priceReason", .nullable(.string())),
        ("lines", .array(.object([
            ("id", .uuid), ("position", .integer()), ("productId", .nullable(.uuid)), ("description", .string()), ("quantity", .integer()),
            ("unitPriceMinor", .integer()), ("discountBasisPoints", .integer()), ("unitCostMinor", .integer()), ("revenueMinor", .integer()),
            ("costMinor", .integer()), ("profitMinor", .integer()), ("marginTier", .string()), ("commissionMinor", .integer()),
        ]))), ("version", .integer()), ("warnings", .array(.string())),
    ], required: ["id", "number", "account", "orderDate", "currency", "status", "lines", "version"])
}

struct StatusChangeDTO: Content {
    let from: String?
    let to: String
    let changedAt: Date
    let changedBy: UserRef?
    let note: String?

    static let schema = JSONSchema.object([("from", .nullable(.string())), ("to", .string()), ("changedAt", .dateTime),
                                           ("changedBy", .nullable(.ref("UserRef"))), ("note", .nullable(.string()))])
}

struct InvoiceDTO: Content {
    let id: UUID
    let number: Int
    let kind: String
    let accountId: UUID
    let orderId: UUID?
    let issueDate: String
    let dueDate: String
    let amountMinor: Int64
    let currency: String
    let paidMinor: Int64
    let outstandingMinor: Int64
    let paidOn: String?
    let reason: String?

    init(_ invoice: Invoice) {
        id = invoice.id!
        number = invoice.number
        kind = invoice.kind
        accountId = invoice.accountID
        orderId = invoice.$order.id
        issueDate = invoice.issueDate
        dueDate = invoice.dueDate
        amountMinor = invoice.amountMinor
        currency = invoice.currency
        paidMinor = invoice.paidMinor
        outstandingMinor = invoice.amountMinor - invoice.paidMinor
        paidOn = invoice.paidOn
        reason = invoice.reason
    }

    static let schema = JSONSchema.object([
        ("id", .uuid), ("number", .integer()), ("kind", .string(enumeration: ["invoice", "credit_note"])), ("accountId", .uuid), ("orderId", .nullable(.uuid)),
        ("issueDate", .string(format: "date")), ("dueDate", .string(format: "date")), ("amountMinor", .integer(description: "Negative for a credit note")),
        ("currency", .string()), ("paidMinor", .integer()), ("outstandingMinor", .integer()), ("paidOn", .nullable(.string(format: "date"))),
        ("reason", .nullable(.string())),
    ], required: ["id", "number", "kind", "accountId", "issueDate", "dueDate", "amountMinor", "currency", "paidMinor", "outstandingMinor"])
}

struct PaymentDTO: Content {
    let id: UUID
    let invoiceId: UUID
    let paidOn: String
    let amountMinor: Int64
    let method: String
    let invoice: InvoiceDTO

    static let schema = JSONSchema.object([("id", .uuid), ("invoiceId", .uuid), ("paidOn", .string(format: "date")), ("amountMinor", .integer()),
                                           ("method", .string(enumeration: PaymentMethod.allCases.map(\.rawValue))), ("invoice", .ref("Invoice"))],
                                          required: ["id", "invoiceId", "paidOn", "amountMinor", "method", "invoice"])
}

extension OrderDTO {
    /// The DTO of one order, with its account's name.
    static func of(_ order: Order, on db: any Database) async throws -> OrderDTO {
        OrderDTO(order, names: try await CustomerDirectory(db: db).names(accounts: [order.accountID]))
    }
}
