import CRMCore
import Fluent
import Vapor

/// The pipeline pages: board, deal list, card, form and the move that works with or without JavaScript.
enum PipelinePagesController {
    @Sendable static func board(_ request: Request) async throws -> Response {
        let pipelineID = try await PipelineAdmin(db: request.db).pipelineID(asked: request)
        let ownerID = try request.queryUUID("owner")
        let board = try await Board.load(pipelineID: pipelineID, ownerID: ownerID, now: request.now,
                                         staleDays: request.application.config.staleDays, on: request.db)
        var returnPath = "/pipeline?pipeline=\(pipelineID)"
        if let ownerID { returnPath += "&owner=\(ownerID)" }
        let model = BoardPage.Model(board: board, pipelines: try await PipelineAdmin(db: request.db).all(),
                                    owners: try await UserDirectory.activeUsers(on: request.db), ownerID: ownerID?.uuidString, returnPath: returnPath)
        return BoardPage.render(model, PageContext(request)).response()
    }

    struct MoveForm: Content {
        var stageId: String?
        var closeReason: String?
        var returnTo: String?
    }

    /// Moves a deal; without a needed reason the deal's page asks for one next to the move form.
    @Sendable static func move(_ request: Request) async throws -> Response {
        let deal = try await OpportunityStore.load(try request.pathUUID("opportunityID"), on: request.db)
        try OpportunityStore(request).requireEdit(deal)
        let form = try request.content.decode(MoveForm.self)
        guard let stageID = form.stageId.flatMap(UUID.init(uuidString:)) else {
            throw APIError.invalid(["stageId": "must name a stage"])
        }
        do {
            try await OpportunityStore(request).move(deal, to: stageID, reason: form.closeReason)
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await card(request, id: deal.requireID(), moveError: error.fields["closeReason"] ?? error.fields.values.first)
                .response(status: .unprocessableEntity)
        }
        return request.redirect(to: LocalPath.checked(form.returnTo) ?? "/opportunities/\(deal.id!)")
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let page = try await DealFilter(request).page(on: request.db, paging: try PageRequest(from: request),
                                                                             now: request.now, staleDays: request.application.config.staleDays)
        let model = OpportunityPages.ListModel(page: page, query: request.pageQuery,
                                               owners: try await UserDirectory.activeUsers(on: request.db),
                                               pipelines: try await PipelineAdmin(db: request.db).all())
        return OpportunityPages.list(model, PageContext(request)).response()
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await card(request, id: try request.pathUUID("opportunityID")).response()
    }

    static func card(_ request: Request, id: UUID, moveError: String? = nil) async throws -> Node {
        let user = try request.user
        let deal = OpportunityDTO.of(try await OpportunityStore.load(id, on: request.db), request: request)
        let stages = try await PipelineAdmin(db: request.db).all().first { $0.id == deal.pipelineId }?.stages ?? []
        let model = OpportunityPages.CardModel(
            deal: deal, history: try await StageHistory.of(id, on: request.db), stages: stages,
            canEdit: CustomerPermissions.canEdit(role: user.role, isOwner: deal.owner?.id == user.id), timeZone: user.timeZone, moveError: moveError,
            sections: try await request.application.contributions.dealSections(of: id, request))
        return OpportunityPages.card(model, PageContext(request))
    }

    /// The empty form; `?account=` starts a deal for that account.
    @Sendable static func new(_ request: Request) async throws -> Response {
        var accountName: String?
        if let account = try request.queryUUID("account") { accountName = try await Account.find(account, on: request.db)?.name }
        let form = OpportunityForm(nil, accountName: accountName, currency: request.application.config.baseCurrency)
        return try await formPage(request, form: form, dealID: nil, accountID: try request.queryUUID("account")).response()
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(OpportunityForm.self)
        let (input, formErrors) = try await form.input(on: request.db, baseCurrency: request.application.config.baseCurrency)
        do {
            try await OpportunityStore(request).validate(input, existing: nil, alsoFailing: formErrors)
            let deal = try await OpportunityStore(request).create(input)
            return request.redirect(to: "/opportunities/\(try deal.requireID())")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await formPage(request, form: form, dealID: nil, accountID: input.accountId, errors: formErrors.merging(error.fields) { $1 })
                .response(status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let deal = try await OpportunityStore.load(try request.pathUUID("opportunityID"), on: request.db)
        try OpportunityStore(request).requireEdit(deal)
        let form = OpportunityForm(OpportunityDTO.of(deal, request: request), currency: request.application.config.baseCurrency)
        return try await formPage(request, form: form, dealID: deal.id, accountID: deal.$account.id).response()
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let deal = try await OpportunityStore.load(try request.pathUUID("opportunityID"), on: request.db)
        try OpportunityStore(request).requireEdit(deal)
        var form = try request.content.decode(OpportunityForm.self)
        let (input, formErrors) = try await form.input(on: request.db, baseCurrency: request.application.config.baseCurrency)
        do {
            try await OpportunityStore(request).validate(input, existing: deal, alsoFailing: formErrors)
            try await OpportunityStore(request).update(deal, with: input, expectedVersion: form.version ?? 0)
            return request.redirect(to: "/opportunities/\(try deal.requireID())")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await formPage(request, form: form, dealID: deal.id, accountID: deal.$account.id, errors: formErrors.merging(error.fields) { $1 })
                .response(status: .unprocessableEntity)
        } catch let error as APIError where error.status == .conflict {
            form.version = try await Opportunity.find(deal.id, on: request.db)?.version
            return try await formPage(request, form: form, dealID: deal.id, accountID: deal.$account.id, conflict: true).response(status: .conflict)
        }
    }

    private static func formPage(_ request: Request, form: OpportunityForm, dealID: UUID?, accountID: UUID?,
                                 errors: [String: String] = [:], conflict: Bool = false) async throws -> Node {
        var contacts: [(id: UUID, name: String)] = []
        if let accountID {
            contacts = try await Contact.query(on: request.db).filter(\.$account.$id == accountID).filter(\.$archivedAt == nil)
                .sort(\.$displayName).all().map { ($0.id!, $0.displayName) }
        }
        let model = OpportunityPages.FormModel(
            form: form, errors: errors, owners: try await UserDirectory.activeUsers(on: request.db),
            accountNames: try await AccountNames.suggestions(on: request.db), pipelines: try await PipelineAdmin(db: request.db).all(),
            contacts: contacts, dealID: dealID, conflict: conflict)
        return OpportunityPages.form(model, PageContext(request))
    }
}
