import CRMCore
import Fluent
import Vapor

/// The account pages: list, card, create, edit, archive, restore, erase and competitor entries.
enum AccountPagesController {
    /// The filtered, sorted, paged list.
    @Sendable static func list(_ request: Request) async throws -> Response {
        let page = try await AccountFilter(request).page(on: request.db, paging: try PageRequest(from: request))
        let model = AccountPages.ListModel(page: page, query: request.pageQuery, owners: try await UserDirectory.activeUsers(on: request.db),
                                           columns: try await request.application.contributions.accountColumns(for: page.items.map(\.id), on: request.db))
        return AccountPages.list(model, PageContext(request)).response()
    }

    /// The account's card.
    @Sendable static func show(_ request: Request) async throws -> Response {
        try await card(request, id: try request.pathUUID("accountID")).response()
    }

    static func card(_ request: Request, id: UUID, competitorErrors: [String: String] = [:], notice: String? = nil) async throws -> Node {
        let user = try request.user
        let card = try await CustomerCards.account(id, on: request.db)
        let model = AccountPages.CardModel(
            card: card,
            canEdit: CustomerPermissions.canEdit(role: user.role, isOwner: card.account.owner?.id == user.id),
            canErase: CustomerPermissions.canErase(role: user.role), timeZone: user.timeZone, competitorErrors: competitorErrors,
            sections: try await request.application.contributions.sections(of: .account(id), request))
        return AccountPages.card(model, PageContext(request, notice: notice))
    }

    /// The empty form; `?parent=` starts a subsidiary.
    @Sendable static func new(_ request: Request) async throws -> Response {
        var parentName: String?
        if let parent = try request.queryUUID("parent") { parentName = try await Account.find(parent, on: request.db)?.name }
        return try await formPage(request, form: AccountForm(nil, parentName: parentName), accountID: nil).response()
    }

    /// Creates the account, or shows the form again with each problem next to its field.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(AccountForm.self)
        let (input, formErrors) = try await form.input(on: request.db)
        do {
            try await AccountStore(request).validate(input, existing: nil, alsoFailing: formErrors)
            let account = try await AccountStore(request).create(input)
            return request.redirect(to: "/accounts/\(try account.requireID())")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await formPage(request, form: form, accountID: nil, errors: formErrors.merging(error.fields) { $1 })
                .response(status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        try AccountStore(request).requireEdit(account)
        let dto = try await AccountStore.dto(account, on: request.db)
        let parentName = try await account.$parent.get(on: request.db)?.name
        return try await formPage(request, form: AccountForm(dto, parentName: parentName), accountID: account.id).response()
    }

    /// Saves the form; a change made meanwhile by someone else is reported, not overwritten.
    @Sendable static func update(_ request: Request) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        try AccountStore(request).requireEdit(account)
        var form = try request.content.decode(AccountForm.self)
        let (input, formErrors) = try await form.input(on: request.db)
        do {
            try await AccountStore(request).validate(input, existing: account, alsoFailing: formErrors)
            try await AccountStore(request).update(account, with: input, expectedVersion: form.version ?? 0)
            return request.redirect(to: "/accounts/\(try account.requireID())")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await formPage(request, form: form, accountID: account.id, errors: formErrors.merging(error.fields) { $1 })
                .response(status: .unprocessableEntity)
        } catch let error as APIError where error.status == .conflict {
            form.version = try await Account.find(account.id, on: request.db)?.version
            return try await formPage(request, form: form, accountID: account.id, conflict: true).response(status: .conflict)
        }
    }

    @Sendable static func confirmArchive(_ request: Request) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        try AccountStore(request).requireEdit(account)
        return CustomerPageParts.confirmation(
            title: "Archive", question: "Archive \(account.name)?",
            explanation: "It disappears from lists and search. Its contacts, history and everything linked to it are kept, and it can be restored at any time.",
            action: "/accounts/\(account.id!)/archive", button: "Archive", danger: false, cancel: "/accounts/\(account.id!)", PageContext(request)
        ).response()
    }

    @Sendable static func setArchived(_ request: Request, archived: Bool) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        try await AccountStore(request).setArchived(account, archived)
        return request.redirect(to: "/accounts/\(account.id!)")
    }

    @Sendable static func confirmErase(_ request: Request) async throws -> Response {
        guard CustomerPermissions.canErase(role: try request.user.role) else { throw APIError.forbidden }
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        return CustomerPageParts.confirmation(
            title: "Erase", question: "Erase \(account.name) for good?",
            explanation: "This deletes the account, its phone numbers, emails, competitor information and history, for a data-protection request. Its contacts stay, without an account. It cannot be undone; the audit log records that you did it.",
            action: "/accounts/\(account.id!)/erase", button: "Erase for good", danger: true, cancel: "/accounts/\(account.id!)", PageContext(request)
        ).response()
    }

    @Sendable static func erase(_ request: Request) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        try await AccountStore(request).erase(account)
        return request.redirect(to: "/accounts")
    }

    /// Adds competitor information from the card's form.
    @Sendable static func addCompetitor(_ request: Request) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        let form = try request.content.decode([String: String].self)
        let input = CompetitorInput(competitor: form["competitor"], product: form["product"],
                                    satisfaction: form["satisfaction"].flatMap { Int($0) }, competitorRep: form["competitorRep"],
                                    repRelationship: form["repRelationship"], notes: form["notes"], learnedOn: form["learnedOn"])
        do {
            _ = try await CompetitorStore(request).create(on: account, input)
            return request.redirect(to: "/accounts/\(account.id!)#competitors")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await card(request, id: account.requireID(), competitorErrors: error.fields).response(status: .unprocessableEntity)
        }
    }

    private static func formPage(_ request: Request, form: AccountForm, accountID: UUID?, errors: [String: String] = [:],
                                 conflict: Bool = false) async throws -> Node {
        let model = AccountPages.FormModel(form: form, errors: errors, owners: try await UserDirectory.activeUsers(on: request.db),
                                           accountNames: try await AccountNames.suggestions(on: request.db), accountID: accountID, conflict: conflict)
        return AccountPages.form(model, PageContext(request))
    }
}
