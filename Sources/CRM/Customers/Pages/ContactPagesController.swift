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
        let model = ContactPages.CardModel(card: card, canEdit: CustomerPermissions.canEdit(role: user.role, isOwner: card.contact.owner?.id == user.id),
                                           canErase: CustomerPermissions.canErase(role: user.role), timeZone: user.timeZone,
                                           sections: try await request.application.contributions.sections(of: .contact(card.contact.id), request))
        return ContactPages.card(model, PageContext(request)).response()
    }

    /// The empty form; `?account=` and `?phone=` prefill it (from an account card, or a caller lookup with no match).
    @Sendable static func new(_ request: Request) async throws -> Response {
        var accountName: String?
        if let account = try request.queryUUID("account") { accountName = try await Account.find(account, on: request.db)?.name }
        let form = ContactForm(nil, accountName: accountName, phone: request.query[String.self, at: "phone"])
        return try await formPage(request, form: form, contactID: nil).response()
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ContactForm.self)
        let (input, formErrors) = try await form.input(on: request.db)
        do {
            try await ContactStore(request).validate(input, existing: nil, alsoFailing: formErrors)
            let contact = try await ContactStore(request).create(input)
            return request.redirect(to: "/contacts/\(try contact.requireID())")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await formPage(request, form: form, contactID: nil, errors: formErrors.merging(error.fields) { $1 })
                .response(status: .unprocessableEntity)
        }
    }

    @Sendable static func edit(_ request: Request) async throws -> Response {
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        try ContactStore(request).requireEdit(contact)
        let form = ContactForm(try await ContactStore.dto(contact, on: request.db))
        return try await formPage(request, form: form, contactID: contact.id).response()
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        try ContactStore(request).requireEdit(contact)
        var form = try request.content.decode(ContactForm.self)
        let (input, formErrors) = try await form.input(on: request.db)
        do {
            try await ContactStore(request).validate(input, existing: contact, alsoFailing: formErrors)
            try await ContactStore(request).update(contact, with: input, expectedVersion: form.version ?? 0)
            return request.redirect(to: "/contacts/\(try contact.requireID())")
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await formPage(request, form: form, contactID: contact.id, errors: formErrors.merging(error.fields) { $1 })
                .response(status: .unprocessableEntity)
        } catch let error as APIError where error.status == .conflict {
            form.version = try await Contact.find(contact.id, on: request.db)?.version
            return try await formPage(request, form: form, contactID: contact.id, conflict: true).response(status: .conflict)
        }
    }

    @Sendable static func confirmArchive(_ request: Request) async throws -> Response {
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        try ContactStore(request).requireEdit(contact)
        return CustomerPageParts.confirmation(
            title: "Archive", question: "Archive \(contact.displayName)?",
            explanation: "They disappear from lists and search. Their history and everything linked to them are kept, and they can be restored at any time.",
            action: "/contacts/\(contact.id!)/archive", button: "Archive", danger: false, cancel: "/contacts/\(contact.id!)", PageContext(request)
        ).response()
    }

    @Sendable static func setArchived(_ request: Request, archived: Bool) async throws -> Response {
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        try await ContactStore(request).setArchived(contact, archived)
        return request.redirect(to: "/contacts/\(contact.id!)")
    }

    @Sendable static func confirmErase(_ request: Request) async throws -> Response {
        guard CustomerPermissions.canErase(role: try request.user.role) else { throw APIError.forbidden }
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        return CustomerPageParts.confirmation(
            title: "Erase", question: "Erase \(contact.displayName) for good?",
            explanation: "This deletes the person's data — profile, phone numbers, emails, social profiles and history — for a data-protection request. It cannot be undone; the audit log records that you did it.",
            action: "/contacts/\(contact.id!)/erase", button: "Erase for good", danger: true, cancel: "/contacts/\(contact.id!)", PageContext(request)
        ).response()
    }

    @Sendable static func erase(_ request: Request) async throws -> Response {
        let contact = try await ContactStore.load(try request.pathUUID("contactID"), on: request.db)
        try await ContactStore(request).erase(contact)
        return request.redirect(to: "/contacts")
    }

    private static func formPage(_ request: Request, form: ContactForm, contactID: UUID?, errors: [String: String] = [:],
                                 conflict: Bool = false) async throws -> Node {
        let model = ContactPages.FormModel(form: form, errors: errors, owners: try await UserDirectory.activeUsers(on: request.db),
                                           accountNames: try await AccountNames.suggestions(on: request.db), contactID: contactID, conflict: conflict)
        return ContactPages.form(model, PageContext(request))
    }
}
