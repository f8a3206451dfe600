import CRMCore
import Fluent
import Vapor

/// The contact form as the browser posts it; converted to `ContactInput` so pages and API share every check.
struct ContactForm: RecordForm {
    var accountName: String?
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
    var language: String?
    /// Checkboxes send "true" when ticked and nothing otherwise.
    var mayEmail: String?
    var mayCall: String?
    var mayMarket: String?
    var ownerId: String?
    var tags: String?
    var version: Int?

    init(_ dto: ContactDTO?, accountName: String? = nil, phone: String? = nil) {
        self.accountName = accountName ?? dto?.account?.name
        givenName = dto?.givenName
        familyName = dto?.familyName
        displayName = dto?.displayName
        title = dto?.title
        department = dto?.department
        phones = dto?.phones.map { .init(label: $0.label, value: $0.value) } ?? phone.map { [.init(label: "work", value: $0)] }
        emails = dto?.emails.map { .init(label: $0.label, value: $0.value) }
        preferredChannel = dto?.preferredChannel
        buyingRole = dto?.buyingRole
        profile = dto?.profile
        socialProfiles = dto?.socialProfiles
        language = dto?.language
        mayEmail = (dto?.mayEmail ?? true) ? "true" : nil
        mayCall = (dto?.mayCall ?? true) ? "true" : nil
        mayMarket = (dto?.mayMarket ?? false) ? "true" : nil
        ownerId = dto?.owner?.id.uuidString
        tags = dto?.tags.joined(separator: ", ")
        version = dto?.version
    }

    func input(_ request: Request) async throws -> (ContactInput, [String: String]) {
        let db = request.db
        var errors: [String: String] = [:]
        var accountID: UUID?
        if let accountName, !accountName.trimmingCharacters(in: .whitespaces).isEmpty {
            switch try await AccountNames.resolve(accountName, on: db) {
            case let .success(id): accountID = id
            case let .failure(reason): errors["accountId"] = reason
            }
        }
        let input = ContactInput(
            accountId: accountID, givenName: givenName, familyName: familyName,
            // An emptied display name is rebuilt from the given and family names.
            displayName: displayName?.trimmingCharacters(in: .whitespaces).isEmpty == false ? displayName : nil,
            title: title, department: department,
            phones: phones?.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty },
            emails: emails?.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty },
            preferredChannel: preferredChannel.flatMap { $0.isEmpty ? nil : $0 }, buyingRole: buyingRole.flatMap { $0.isEmpty ? nil : $0 },
            profile: profile,
            socialProfiles: socialProfiles?.filter { !($0.network.trimmingCharacters(in: .whitespaces).isEmpty && $0.handle.trimmingCharacters(in: .whitespaces).isEmpty) },
            language: language, mayEmail: mayEmail == "true", mayCall: mayCall == "true", mayMarket: mayMarket == "true",
            ownerId: ownerId.flatMap(UUID.init(uuidString:)), tags: tags?.split(separator: ",").map(String.init))
        return (input, errors)
    }
}
