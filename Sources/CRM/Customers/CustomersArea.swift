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
        accounts.post(use: AccountsAPIController.create)
        accounts.get(":accountID", use: AccountsAPIController.show)
        accounts.patch(":accountID", use: AccountsAPIController.patch)
        accounts.delete(":accountID", use: AccountsAPIController.erase)
        accounts.post(":accountID", "archive") { try await AccountsAPIController.setArchived($0, archived: true) }
        accounts.post(":accountID", "restore") { try await AccountsAPIController.setArchived($0, archived: false) }
        accounts.get(":accountID", "card", use: CustomerLookupAPIController.accountCard)
        accounts.get(":accountID", "competitors", use: CompetitorsAPIController.list)
        accounts.post(":accountID", "competitors", use: CompetitorsAPIController.create)

        let contacts = routes.api.grouped("contacts")
        contacts.get(use: ContactsAPIController.list)
        contacts.post(use: ContactsAPIController.create)
        contacts.get(":contactID", use: ContactsAPIController.show)
        contacts.patch(":contactID", use: ContactsAPIController.patch)
        contacts.delete(":contactID", use: ContactsAPIController.erase)
        contacts.post(":contactID", "archive") { try await ContactsAPIController.setArchived($0, archived: true) }
        contacts.post(":contactID", "restore") { try await ContactsAPIController.setArchived($0, archived: false) }
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
        accounts.post("new", use: AccountPagesController.create)
        accounts.get(":accountID", use: AccountPagesController.show)
        accounts.get(":accountID", "edit", use: AccountPagesController.edit)
        accounts.post(":accountID", "edit", use: AccountPagesController.update)
        accounts.get(":accountID", "archive", use: AccountPagesController.confirmArchive)
        accounts.post(":accountID", "archive") { try await AccountPagesController.setArchived($0, archived: true) }
        accounts.post(":accountID", "restore") { try await AccountPagesController.setArchived($0, archived: false) }
        accounts.get(":accountID", "erase", use: AccountPagesController.confirmErase)
        accounts.post(":accountID", "erase", use: AccountPagesController.erase)
        accounts.post(":accountID", "competitors", use: AccountPagesController.addCompetitor)

        let contacts = pages.grouped("contacts")
        contacts.get(use: ContactPagesController.list)
        contacts.get("new", use: ContactPagesController.new)
        contacts.post("new", use: ContactPagesController.create)
        contacts.get(":contactID", use: ContactPagesController.show)
        contacts.get(":contactID", "edit", use: ContactPagesController.edit)
        contacts.post(":contactID", "edit", use: ContactPagesController.update)
        contacts.get(":contactID", "archive", use: ContactPagesController.confirmArchive)
        contacts.post(":contactID", "archive") { try await ContactPagesController.setArchived($0, archived: true) }
        contacts.post(":contactID", "restore") { try await ContactPagesController.setArchived($0, archived: false) }
        contacts.get(":contactID", "erase", use: ContactPagesController.confirmErase)
        contacts.post(":contactID", "erase", use: ContactPagesController.erase)
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
