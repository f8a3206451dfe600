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
        var returnPath = Site.board() + "?pipeline=\(pipelineID)"
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
        // A won deal's page offers what follows (its order), wherever the move was made.
        if deal.outcome == StageOutcome.won.rawValue { return request.redirect(to: Site.deal(deal.id!)) }
        return request.redirect(to: LocalPath.checked(form.returnTo) ?? Site.deal(deal.id!))
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
        let deal = try await OpportunityDTO.of(try await OpportunityStore.load(id, on: request.db), request: request)
        let stages = try await PipelineAdmin(db: request.db).all().first { $0.id == deal.pipelineId }?.stages ?? []
        let model = OpportunityPages.CardModel(
            deal: deal, history: try await StageHistory.of(id, on: request.db), stages: stages,
            canEdit: RecordPermissions.canEdit(role: user.role, isOwner: deal.owner?.id == user.id), timeZone: user.timeZone, moveError: moveError,
            sections: try await request.application.contributions.dealSections(of: id, request))
        return OpportunityPages.card(model, PageContext(request))
    }

    /// The empty form; `?account=` starts a deal for that account.
    @Sendable static func new(_ request: Request) async throws -> Response {
        var accountName: String?
        accountName = try await CustomerDirectory(db: request.db).account(try request.queryUUID("account"))?.name
        let form = OpportunityForm(nil, accountName: accountName, currency: request.application.config.baseCurrency)
        return try await DealResource.formPage(request, form: form, editing: nil, input: OpportunityInput(accountId: try request.queryUUID("account")),
                                                errors: [:], conflict: false).response()
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let deal = try await OpportunityStore.load(try request.pathUUID("opportunityID"), on: request.db)
        try OpportunityStore(request).requireEdit(deal)
        let form = OpportunityForm(try await OpportunityDTO.of(deal, request: request), currency: request.application.config.baseCurrency)
        return try await DealResource.formPage(request, form: form, editing: deal, input: nil, errors: [:], conflict: false).response()
    }
}
