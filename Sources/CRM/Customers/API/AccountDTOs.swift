import CRMCore
import Vapor

/// The writable fields of an account, for create, full update and (merged) PATCH alike.
struct AccountInput: StrictInput {
    var name: String?
    var kind: String?
    var industry: String?
    var sizeBand: String?
    var website: String?
    var parentId: UUID?
    var ownerId: UUID?
    var addresses: [AddressValue]?
    var phones: [ContactPointInput]?
    var emails: [ContactPointInput]?
    var businessNotes: String?
    /// Money in minor units (cents) of `currency`.
    var annualPurchaseVolumeMinor: Int64?
    var typicalPriceMinor: Int64?
    var currency: String?
    var salesGoals: String?
    var productUsage: String?
    var tags: [String]?
}

struct ContactPointDTO: Content, Equatable {
    let label: String
    let value: String
    /// E.164 for phones, the lower-cased address for emails.
    let normalized: String

    init(_ point: ContactPoint) {
        self.init(label: point.label, value: point.value, normalized: point.normalized)
    }

    init(label: String, value: String, normalized: String) {
        self.label = label
        self.value = value
        self.normalized = normalized
    }

    static let schema = JSONSchema.object([
        ("label", .string(enumeration: ContactPointLabel.allCases.map(\.rawValue))),
        ("value", .string(description: "As written")), ("normalized", .string(description: "E.164 or lower-cased email")),
    ], required: ["label", "value", "normalized"])
}

struct AccountDTO: Content {
    let id: UUID
    let name: String
    let kind: String
    let industry: String?
    let sizeBand: String?
    let website: String?
    let parentId: UUID?
    let owner: UserRef?
    let addresses: [AddressValue]
    let phones: [ContactPointDTO]
    let emails: [ContactPointDTO]
    let businessNotes: String?
    let annualPurchaseVolumeMinor: Int64?
    let typicalPriceMinor: Int64?
    let currency: String?
    let salesGoals: String?
    let productUsage: String?
    let tags: [String]
    let createdBy: UserRef?
    let updatedBy: UserRef?
    let createdAt: Date?
    let updatedAt: Date?
    let archivedAt: Date?
    let version: Int

    /// Built by `AccountRows`, the one way accounts are read for the API and the pages.
    init(id: UUID, name: String, kind: String, industry: String?, sizeBand: String?, website: String?, parentId: UUID?,
         owner: UserRef?, addresses: [AddressValue], points: CustomerSideTables.Points, businessNotes: String?,
         annualPurchaseVolumeMinor: Int64?, typicalPriceMinor: Int64?, currency: String?, salesGoals: String?,
         productUsage: String?, tags: [String], createdBy: UserRef?, updatedBy: UserRef?, createdAt: Date?, updatedAt: Date?,
         archivedAt: Date?, version: Int) {
        self.id = id
        self.name = name
        self.kind = kind
        self.industry = industry
        self.sizeBand = sizeBand
        self.website = website
        self.parentId = parentId
        self.owner = owner
        self.addresses = addresses
        phones = points.phones
        emails = points.emails
        self.businessNotes = businessNotes
        self.annualPurchaseVolumeMinor = annualPurchaseVolumeMinor
        self.typicalPriceMinor = typicalPriceMinor
        self.currency = currency
        self.salesGoals = salesGoals
        self.productUsage = productUsage
        self.tags = tags
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.archivedAt = archivedAt
        self.version = version
    }

    /// The current state as input, the base a PATCH is merged onto.
    var input: AccountInput {
        AccountInput(name: name, kind: kind, industry: industry, sizeBand: sizeBand, website: website, parentId: parentId,
                     ownerId: owner?.id, addresses: addresses,
                     phones: phones.map { .init(label: $0.label, value: $0.value) },
                     emails: emails.map { .init(label: $0.label, value: $0.value) },
                     businessNotes: businessNotes, annualPurchaseVolumeMinor: annualPurchaseVolumeMinor,
                     typicalPriceMinor: typicalPriceMinor, currency: currency, salesGoals: salesGoals,
                     productUsage: productUsage, tags: tags)
    }
}

enum AccountSchemas {
    static let address = JSONSchema.object([
        ("kind", .string(enumeration: AddressKind.allCases.map(\.rawValue))), ("street", .string()), ("city", .string()),
        ("region", .string()), ("postalCode", .string()), ("country", .string(description: "ISO 3166 alpha-2")),
    ], required: ["kind"])
    static let pointInput = JSONSchema.object([
        ("label", .string(enumeration: ContactPointLabel.allCases.map(\.rawValue))), ("value", .string()),
    ], required: ["value"])

    static let commonFields: [(String, JSONSchema)] = [
        ("name", .string()), ("kind", .string(enumeration: AccountKind.allCases.map(\.rawValue))),
        ("industry", .string()), ("sizeBand", .string(description: "e.g. 1-10, 11-50, 51-250, 251-1000, 1000+")),
        ("website", .string()), ("parentId", .nullable(.uuid)),
        ("addresses", .array(.ref("Address"))),
        ("businessNotes", .string()), ("annualPurchaseVolumeMinor", .integer(description: "minor units of currency")),
        ("typicalPriceMinor", .integer(description: "minor units of currency")), ("currency", .string(description: "ISO 4217")),
        ("salesGoals", .string()), ("productUsage", .string()), ("tags", .array(.string())),
    ]

    static let input = JSONSchema.object(commonFields + [
        ("ownerId", .uuid), ("phones", .array(.ref("ContactPointInput"))), ("emails", .array(.ref("ContactPointInput"))),
    ])

    static let account = JSONSchema.object(commonFields + [
        ("id", .uuid), ("owner", .ref("UserRef")),
        ("phones", .array(.ref("ContactPoint"))), ("emails", .array(.ref("ContactPoint"))),
        ("createdBy", .nullable(.ref("UserRef"))), ("updatedBy", .nullable(.ref("UserRef"))),
        ("createdAt", .dateTime), ("updatedAt", .dateTime), ("archivedAt", .nullable(.dateTime)),
        ("version", .integer(description: "Send as If-Match to update")),
    ], required: ["id", "name", "kind", "owner", "version"])
}
