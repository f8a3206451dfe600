import Fluent
import Vapor

/// Accounts and contacts with full profiles, competitor information, caller lookup and search.
enum CustomersArea: Area {
    static let migrations: [any Migration] = [
        CreateAccounts(), CreateContacts(), CreateContactPoints(), CreateCompetitorEntries(),
        CreateSearchTerms(), CreateCustomerTags(), CreateCustomerEvents(), CreateAuditEntries(), CreateSearchEntries(), NarrowSearchRanking(),
    ]

    static var apiOperations: [APIOperation] {
        AccountsAPIController.operations + ContactsAPIController.operations + CompetitorsAPIController.operations
            + CustomerLookupAPIController.operations + VCardAPIController.operations
    }

    static var schemas: [(String, JSONSchema)] {
        [
            ("UserRef", UserRef.schema), ("AccountRef", AccountRef.schema), ("VCardImport", ContactVCards.Report.schema),
            ("Address", AccountSchemas.address), ("ContactPointInput", AccountSchemas.pointInput), ("ContactPoint", ContactPointDTO.schema),
            ("AccountInput", AccountSchemas.input), ("Account", AccountSchemas.account),
            ("PersonalProfile", ContactSchemas.profile), ("SocialProfile", ContactSchemas.social),
            ("ContactInput", ContactSchemas.input), ("Contact", ContactSchemas.contact),
            ("CompetitorInput", .object(CompetitorDTO.inputFields, required: ["competitor"])), ("CompetitorEntry", CompetitorDTO.schema),
            ("AccountCard", CustomerCards.accountCardSchema), ("ContactCard", CustomerCards.contactCardSchema),
        ]
    }

    static func routes(_ routes: AreaRoutes) throws {
        let accounts = routes.api.grouped("accounts")
        accounts.get(use: AccountsAPIController.list)
        RecordAPI<AccountResource>.register(on: accounts)
        RecordAPI<AccountResource>.registerArchiving(on: accounts)
        RecordAPI<AccountResource>.registerErasing(on: accounts)
        accounts.get(":accountID", "card", use: CustomerLookupAPIController.accountCard)
        accounts.get(":accountID", "competitors", use: CompetitorsAPIController.list)
        accounts.post(":accountID", "competitors", use: CompetitorsAPIController.create)

        let contacts = routes.api.grouped("contacts")
        contacts.get(use: ContactsAPIController.list)
        RecordAPI<ContactResource>.register(on: contacts)
        RecordAPI<ContactResource>.registerArchiving(on: contacts)
        RecordAPI<ContactResource>.registerErasing(on: contacts)
        contacts.get(":contactID", "card", use: CustomerLookupAPIController.contactCard)
        contacts.get(":contactID", "vcard", use: VCardExport.one)
        contacts.on(.POST, "vcard", body: .collect(maxSize: "20mb"), use: VCardAPIController.importCards)
        routes.api.get("contacts.vcf", use: VCardExport.list)

        let competitors = routes.api.grouped("competitors")
        competitors.patch(":competitorID", use: CompetitorsAPIController.patch)
        competitors.post(":competitorID", "archive") { try await CompetitorsAPIController.setArchived($0, archived: true) }
        competitors.post(":competitorID", "restore") { try await CompetitorsAPIController.setArchived($0, archived: false) }

        routes.api.get("lookup", use: CustomerLookupAPIController.lookup)
        routes.api.get("search", use: CustomerLookupAPIController.search)

        try pages(routes.pages)
    }

    private static func pages(_ pages: any RoutesBuilder) throws {
        let accounts = pages.grouped("accounts")
        accounts.get(use: AccountPagesController.list)
        accounts.get("new", use: AccountPagesController.new)
        RecordPages<AccountResource>.register(on: accounts)
        RecordPages<AccountResource>.registerArchiving(on: accounts)
        RecordPages<AccountResource>.registerErasing(on: accounts)
        accounts.get(":accountID", use: AccountPagesController.show)
        accounts.get(":accountID", "edit", use: AccountPagesController.edit)
        accounts.post(":accountID", "competitors", use: AccountPagesController.addCompetitor)

        let contacts = pages.grouped("contacts")
        contacts.get(use: ContactPagesController.list)
        contacts.get("new", use: ContactPagesController.new)
        RecordPages<ContactResource>.register(on: contacts)
        RecordPages<ContactResource>.registerArchiving(on: contacts)
        RecordPages<ContactResource>.registerErasing(on: contacts)
        contacts.get(":contactID", use: ContactPagesController.show)
        contacts.get(":contactID", "edit", use: ContactPagesController.edit)
        contacts.get(":contactID", "vcard", use: VCardExport.one)
        pages.get("contacts.vcf", use: VCardExport.list)
        contacts.get("import", use: VCardImportPages.form)
        FormBodyLimit.upload(contacts, "import", maxSize: "20mb", use: VCardImportPages.preview)
        FormBodyLimit.upload(contacts, "import", "confirm", maxSize: "20mb", use: VCardImportPages.confirm)

        pages.get("admin", "audit", use: AuditLogPage.show)
        pages.get("lookup", use: LookupPages.lookup)
        pages.get("search", use: LookupPages.search)
    }
}
