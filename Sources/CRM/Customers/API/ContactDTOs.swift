import CRMCore
import Vapor

/// The writable fields of a contact, for create, full update and (merged) PATCH alike.
struct ContactInput: StrictInput {
    var accountId: UUID?
    var givenName: String?
    var familyName: String?
    var displayName: String?
    var title: String?
    var department: String?
    var phones: [ContactPointInput]?
    var emails: [ContactPointInput]?
    var preferredChannel: String?
    var buyingRole: String?
    var profile: PersonalProfileValue?
    var socialProfiles: [SocialProfileValue]?
    /// BCP 47 language tag for greetings and documents, e.g. lt, af, zh-Hans, es, ta.
    var language: String?
    var mayEmail: Bool?
    var mayCall: Bool?
    var mayMarket: Bool?
    var ownerId: UUID?
    var tags: [String]?
}

struct AccountRef: Content, Equatable {
    let id: UUID
    let name: String

    static let schema = JSONSchema.object([("id", .uuid), ("name", .string())], required: ["id", "name"])
}

struct ContactDTO: Content {
    let id: UUID
    let account: AccountRef?
    let givenName: String?
    let familyName: String?
    let displayName: String
    let title: String?
    let department: String?
    let phones: [ContactPointDTO]
    let emails: [ContactPointDTO]
    let preferredChannel: String?
    let buyingRole: String?
    let profile: PersonalProfileValue
    let socialProfiles: [SocialProfileValue]
    let language: String?
    let mayEmail: Bool
    let mayCall: Bool
    let mayMarket: Bool
    let owner: UserRef?
    let tags: [String]
    let createdBy: UserRef?
    let updatedBy: UserRef?
    let createdAt: Date?
    let updatedAt: Date?
    let archivedAt: Date?
    let version: Int

    /// Built by `ContactRows`, the one way contacts are read for the API and the pages.
    init(id: UUID, account: AccountRef?, givenName: String?, familyName: String?, displayName: String, title: String?,
         department: String?, points: CustomerSideTables.Points, preferredChannel: String?, buyingRole: String?,
         profile: PersonalProfileValue, socialProfiles: [SocialProfileValue], language: String?, mayEmail: Bool, mayCall: Bool,
         mayMarket: Bool, owner: UserRef?, tags: [String], createdBy: UserRef?, updatedBy: UserRef?, createdAt: Date?,
         updatedAt: Date?, archivedAt: Date?, version: Int) {
        self.id = id
        self.account = account
        self.givenName = givenName
        self.familyName = familyName
        self.displayName = displayName
        self.title = title
        self.department = department
        phones = points.phones
        emails = points.emails
        self.preferredChannel = preferredChannel
        self.buyingRole = buyingRole
        self.profile = profile
        self.socialProfiles = socialProfiles
        self.language = language
        self.mayEmail = mayEmail
        self.mayCall = mayCall
        self.mayMarket = mayMarket
        self.owner = owner
        self.tags = tags
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.archivedAt = archivedAt
        self.version = version
    }

    var input: ContactInput {
        ContactInput(accountId: account?.id, givenName: givenName, familyName: familyName, displayName: displayName,
                     title: title, department: department,
                     phones: phones.map { .init(label: $0.label, value: $0.value) },
                     emails: emails.map { .init(label: $0.label, value: $0.value) },
                     preferredChannel: preferredChannel, buyingRole: buyingRole, profile: profile,
                     socialProfiles: socialProfiles, language: language, mayEmail: mayEmail, mayCall: mayCall,
                     mayMarket: mayMarket, ownerId: owner?.id, tags: tags)
    }
}

enum ContactSchemas {
    static let profile = JSONSchema.object([
        ("birthday", .string(format: "date")), ("family", .string()), ("homeTown", .string()), ("school", .string()),
        ("sports", .string()), ("hobbies", .string()), ("ambitions", .string()), ("notes", .string()),
    ])
    static let social = JSONSchema.object([("network", .string(description: "e.g. linkedin, wechat, facebook")), ("handle", .string(description: "Handle or URL"))],
                                          required: ["network", "handle"])

    static let commonFields: [(String, JSONSchema)] = [
        ("givenName", .string()), ("familyName", .string()), ("displayName", .string(description: "Defaults to given and family name")),
        ("title", .string()), ("department", .string()),
        ("preferredChannel", .string(enumeration: PreferredChannel.allCases.map(\.rawValue))),
        ("buyingRole", .string(enumeration: BuyingRole.allCases.map(\.rawValue))),
        ("profile", .ref("PersonalProfile")), ("socialProfiles", .array(.ref("SocialProfile"))),
        ("language", .string(description: "BCP 47 tag, e.g. lt, zh-Hans")),
        ("mayEmail", .boolean), ("mayCall", .boolean), ("mayMarket", .boolean), ("tags", .array(.string())),
    ]

    static let input = JSONSchema.object(commonFields + [
        ("accountId", .nullable(.uuid)), ("ownerId", .uuid),
        ("phones", .array(.ref("ContactPointInput"))), ("emails", .array(.ref("ContactPointInput"))),
    ])

    static let contact = JSONSchema.object(commonFields + [
        ("id", .uuid), ("account", .nullable(.ref("AccountRef"))), ("owner", .ref("UserRef")),
        ("phones", .array(.ref("ContactPoint"))), ("emails", .array(.ref("ContactPoint"))),
        ("createdBy", .nullable(.ref("UserRef"))), ("updatedBy", .nullable(.ref("UserRef"))),
        ("createdAt", .dateTime), ("updatedAt", .dateTime), ("archivedAt", .nullable(.dateTime)), ("version", .integer()),
    ], required: ["id", "displayName", "owner", "version"])
}
