import Fluent
import Vapor

/// Contacts as the API and the pages serve them, through the record core.
enum ContactResource: RecordPageResource, RecordConfirmations {
    static let idParameter = "contactID"

    static func store(_ request: Request) throws -> ContactStore { try ContactStore(request) }
    static func load(_ id: UUID?, on db: any Database) async throws -> Contact { try await ContactStore.load(id, on: db) }
    static func dto(_ contact: Contact, _ request: Request) async throws -> ContactDTO { try await ContactStore.dto(contact, on: request.db) }

    static let (list, card, newForm, editForm) = (Site.contacts, Site.contact, Site.contactNew, Site.contactEdit)
    static let (archive, restore, erase) = (Site.contactArchive, Site.contactRestore, Site.contactErase)
    static func title(of contact: Contact) -> String { contact.displayName }
    static let archiveExplanation = "They disappear from lists and search. Their history and everything linked to them are kept, and they can be restored at any time."
    static let eraseExplanation = "This deletes the person's data — profile, phone numbers, emails, social profiles and history — for a data-protection request. It cannot be undone; the audit log records that you did it."

    static func formPage(_ request: Request, form: ContactForm, editing contact: Contact?, input: ContactInput?,
                         errors: [String: String], conflict: Bool) async throws -> Node {
        let model = ContactPages.FormModel(form: form, errors: errors, owners: try await UserDirectory.activeUsers(on: request.db),
                                           contactID: contact?.id, conflict: conflict)
        return ContactPages.form(model, PageContext(request))
    }
}

extension ContactDTO: RecordDTO {}
