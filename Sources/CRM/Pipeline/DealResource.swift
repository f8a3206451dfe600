import Fluent
import Vapor

/// Deals as the API and the pages serve them, through the record core.
enum DealResource: RecordPageResource {
    static let idParameter = "opportunityID"

    static func store(_ request: Request) throws -> OpportunityStore { try OpportunityStore(request) }
    static func load(_ id: UUID?, on db: any Database) async throws -> Opportunity { try await OpportunityStore.load(id, on: db) }
    static func dto(_ deal: Opportunity, _ request: Request) async throws -> OpportunityDTO { try await OpportunityDTO.of(deal, request: request) }

    static let (list, card, newForm, editForm) = (Site.deals, Site.deal, Site.dealNew, Site.dealEdit)
    static func title(of deal: Opportunity) -> String { deal.name }

    /// The deal form; the people to pick are those of the deal's account.
    static func formPage(_ request: Request, form: OpportunityForm, editing deal: Opportunity?, input: OpportunityInput?,
                         errors: [String: String], conflict: Bool) async throws -> Node {
        var contacts: [(id: UUID, name: String)] = []
        if let accountID = input?.accountId ?? deal?.accountID {
            contacts = try await CustomerDirectory(db: request.db).people(ofAccount: accountID)
        }
        let model = OpportunityPages.FormModel(
            form: form, errors: errors, owners: try await UserDirectory.activeUsers(on: request.db),
            pipelines: try await PipelineAdmin(db: request.db).all(),
            contacts: contacts, dealID: deal?.id, conflict: conflict)
        return OpportunityPages.form(model, PageContext(request))
    }
}

extension OpportunityDTO: RecordDTO {}
