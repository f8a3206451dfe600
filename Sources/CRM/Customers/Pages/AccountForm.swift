import CRMCore
import Fluent
import Vapor

/// The account form as the browser posts it; converted to `AccountInput` so pages and API share every check.
struct AccountForm: RecordForm {
    var name: String?
    var kind: String?
    var industry: String?
    var sizeBand: String?
    var website: String?
    /// The parent account by name, resolved on the server.
    var parentName: String?
    var ownerId: String?
    var addresses: [AddressValue]?
    var phones: [ContactPointInput]?
    var emails: [ContactPointInput]?
    var businessNotes: String?
    var annualPurchaseVolume: String?
    var typicalPrice: String?
    var currency: String?
    var salesGoals: String?
    var productUsage: String?
    var tags: String?
    var version: Int?

    init(_ dto: AccountDTO?, parentName: String? = nil) {
        name = dto?.name
        kind = dto?.kind ?? AccountKind.company.rawValue
        industry = dto?.industry
        sizeBand = dto?.sizeBand
        website = dto?.website
        self.parentName = parentName
        ownerId = dto?.owner?.id.uuidString
        addresses = dto?.addresses
        phones = dto?.phones.map { .init(label: $0.label, value: $0.value) }
        emails = dto?.emails.map { .init(label: $0.label, value: $0.value) }
        businessNotes = dto?.businessNotes
        currency = dto?.currency
        annualPurchaseVolume = dto?.annualPurchaseVolumeMinor.map { MinorUnits.plain($0, currency: dto?.currency ?? "") }
        typicalPrice = dto?.typicalPriceMinor.map { MinorUnits.plain($0, currency: dto?.currency ?? "") }
        salesGoals = dto?.salesGoals
        productUsage = dto?.productUsage
        tags = dto?.tags.joined(separator: ", ")
        version = dto?.version
    }

    /// The input to check and store, or the errors only the form can have (an amount that is not a number).
    func input(_ request: Request) async throws -> (AccountInput, [String: String]) {
        let db = request.db
        var errors: [String: String] = [:]
        let currency = (self.currency ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        var parentID: UUID?
        if let parentName, !parentName.trimmingCharacters(in: .whitespaces).isEmpty {
            switch try await AccountNames.resolve(parentName, on: db) {
            case let .success(id): parentID = id
            case let .failure(reason): errors["parentId"] = reason
            }
        }
        let input = AccountInput(
            name: name, kind: kind, industry: industry, sizeBand: sizeBand, website: website, parentId: parentID,
            ownerId: ownerId.flatMap(UUID.init(uuidString:)),
            addresses: addresses, phones: phones?.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty },
            emails: emails?.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty },
            businessNotes: businessNotes, annualPurchaseVolumeMinor: TypedAmount.read(annualPurchaseVolume, currency: currency, field: "annualPurchaseVolumeMinor", errors: &errors),
            typicalPriceMinor: TypedAmount.read(typicalPrice, currency: currency, field: "typicalPriceMinor", errors: &errors), currency: currency.isEmpty ? nil : currency,
            salesGoals: salesGoals, productUsage: productUsage,
            tags: tags?.split(separator: ",").map(String.init))
        return (input, errors)
    }
}

/// Accounts named in forms: people pick a parent or employer by name, the server finds the one it means.
enum AccountNames {
    enum Resolution { case success(UUID), failure(String) }

    static func resolve(_ name: String, on db: any Database) async throws -> Resolution {
        let matches = try await Account.query(on: db).filter(\.$name == name.trimmingCharacters(in: .whitespaces))
            .filter(\.$archivedAt == nil).limit(2).all()
        switch matches.count {
        case 1: return .success(try matches[0].requireID())
        case 0: return .failure("is not the name of an account; create the account first")
        default: return .failure("names more than one account; rename one of them first")
        }
    }
}
