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

    /// `contact` must have account, owner, createdBy and updatedBy loaded.
    init(_ contact: Contact, points: [ContactPoint]) {
        id = contact.id!
        account = contact.account.map { AccountRef(id: $0.id!, name: $0.name) }
        givenName = contact.givenName
        familyName = contact.familyName
        displayName = contact.displayName
        title = contact.title
        department = contact.department
        phones = points.filter { $0.kind == "phone" }.map(ContactPointDTO.init)
        emails = points.filter { $0.kind == "email" }.map(ContactPointDTO.init)
        preferredChannel = contact.preferredChannel
        buyingRole = contact.buyingRole
        profile = contact.profile
        socialProfiles = contact.socialProfiles
        language = contact.language
        mayEmail = contact.mayEmail
        mayCall = contact.mayCall
        mayMarket = contact.mayMarket
        owner = UserRef(contact.owner)
        tags = contact.tags
        createdBy = UserRef(contact.createdBy)
        updatedBy = UserRef(contact.updatedBy)
        createdAt = contact.createdAt
        updatedAt = contact.updatedAt
        archivedAt = contact.archivedAt
        version = contact.version
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
