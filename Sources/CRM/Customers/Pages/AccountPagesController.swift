import CRMCore
import Fluent
import Vapor

/// The account pages: list, card and the empty and filled-in form; saving, archiving and erasing are the record core's (`RecordPages`) and competitor entries.
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
            canEdit: RecordPermissions.canEdit(role: user.role, isOwner: card.account.owner?.id == user.id),
            canErase: RecordPermissions.canErase(role: user.role), timeZone: user.timeZone, competitorErrors: competitorErrors,
            sections: try await request.application.contributions.sections(of: .account(id), request))
        return AccountPages.card(model, PageContext(request, notice: notice))
    }

    /// The empty form; `?parent=` starts a subsidiary.
    @Sendable static func new(_ request: Request) async throws -> Response {
        var parentName: String?
        if let parent = try request.queryUUID("parent") { parentName = try await Account.find(parent, on: request.db)?.name }
        return try await AccountResource.formPage(request, form: AccountForm(nil, parentName: parentName), editing: nil, input: nil, errors: [:], conflict: false).response()
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let account = try await AccountStore.load(try request.pathUUID("accountID"), on: request.db)
        try AccountStore(request).requireEdit(account)
        let dto = try await AccountStore.dto(account, on: request.db)
        let parentName = try await account.$parent.get(on: request.db)?.name
        return try await AccountResource.formPage(request, form: AccountForm(dto, parentName: parentName), editing: account, input: nil, errors: [:], conflict: false).response()
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
            return request.redirect(to: Site.account(account.id!) + "#competitors")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await card(request, id: account.requireID(), competitorErrors: error.fields).response(status: .unprocessableEntity)
        }
    }

}
