import Fluent
import Vapor

/// Accounts and contacts with full profiles, competitor information, caller lookup and search.
enum CustomersArea: Area {
    static let migrations: [any Migration] = [
        CreateAccounts(), CreateContacts(), CreateContactPoints(), CreateCompetitorEntries(),
        CreateSearchTerms(), CreateCustomerTags(), CreateCustomerEvents(), CreateAuditEntries(), CreateSearchEntries(), NarrowSearchRanking(),
        IndexAccountNamesForTypeAhead(),
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
        accounts.get("suggest", use: CustomerLookupAPIController.suggestAccounts)
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
        pages.get(Site.accounts, use: AccountPagesController.list)
        pages.get(Site.accountNew, use: AccountPagesController.new)
        pages.get(Site.accountSuggest, use: CustomerLookupAPIController.suggestAccounts)
        RecordPages<AccountResource>.register(on: pages)
        RecordPages<AccountResource>.registerArchiving(on: pages)
        RecordPages<AccountResource>.registerErasing(on: pages)
        pages.get(Site.account, use: AccountPagesController.show)
        pages.get(Site.accountEdit, use: AccountPagesController.edit)
        pages.post(Site.accountCompetitors, use: AccountPagesController.addCompetitor)

        pages.get(Site.contacts, use: ContactPagesController.list)
        pages.get(Site.contactNew, use: ContactPagesController.new)
        RecordPages<ContactResource>.register(on: pages)
        RecordPages<ContactResource>.registerArchiving(on: pages)
        RecordPages<ContactResource>.registerErasing(on: pages)
        pages.get(Site.contact, use: ContactPagesController.show)
        pages.get(Site.contactEdit, use: ContactPagesController.edit)
        pages.get(Site.contactVCard, use: VCardExport.one)
        pages.get(Site.contactsVCard, use: VCardExport.list)
        pages.get(Site.contactImport, use: VCardImportPages.form)
        FormBodyLimit.upload(pages, Site.contactImport, maxSize: "20mb", use: VCardImportPages.preview)
        FormBodyLimit.upload(pages, Site.contactImportConfirm, maxSize: "20mb", use: VCardImportPages.confirm)

        pages.get(Site.auditLog, use: AuditLogPage.show)
        pages.get(Site.lookup, use: LookupPages.lookup)
        pages.get(Site.search, use: LookupPages.search)
    }
}
