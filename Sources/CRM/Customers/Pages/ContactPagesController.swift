import CRMCore
import Fluent
import Vapor

/// The contact pages: list, card, create, edit, archive, restore and erase.
enum ContactPagesController {
    @Sendable static func list(_ request: Request) async throws -> Response {
        let page = try await ContactFilter(request).page(on: request.db, paging: try PageRequest(from: request))
        let model = ContactPages.ListModel(page: page, query: request.pageQuery, owners: try await UserDirectory.activeUsers(on: request.db))
        return ContactPages.list(model, PageContext(request)).response()
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let user = try request.user
        let card = try await CustomerCards.contact(try request.pathUUID("contactID"), on: request.db)
        let model = ContactPages.CardModel(card: card, canEdit: RecordPermissions.canEdit(role: user.role, isOwner: card.contact.owner?.id == user.id),
                                           canErase: RecordPermissions.canErase(role: user.role), timeZone: user.timeZone,
                                           sections: try await request.application.contributions.sections(of: .contact(card.contact.id), request))
        return ContactPages.card(model, PageContext(request)).response()
    }

    /// The empty form; `?account=` and `?phone=` prefill it (from an account card, or a caller lookup with no match).
    @Sendable static func new(_ request: Request) async throws -> Response {
        var accountName: String?
        if let account = try request.queryUUID("account") { accountName = try await Account.find(account, on: request.db)?.name }
        let form = ContactForm(nil, accountName: accountName, phone: request.query[String.self, at: "phone"])
        return try await ContactResource.formPage(request, form: form, editing: nil, input: nil, errors: [:], conflict: false).response()
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        try ContactStore(request).requireEdit(contact)
        let form = ContactForm(try await ContactStore.dto(contact, on: request.db))
        return try await ContactResource.formPage(request, form: form, editing: contact, input: nil, errors: [:], conflict: false).response()
    }
}
