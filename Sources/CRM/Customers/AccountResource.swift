import Fluent
import Vapor

/// Accounts as the API and the pages serve them, through the record core.
enum AccountResource: RecordPageResource, RecordConfirmations {
    static let idParameter = "accountID"

    static func store(_ request: Request) throws -> AccountStore { try AccountStore(request) }
    static func load(_ id: UUID?, on db: any Database) async throws -> Account { try await AccountStore.load(id, on: db) }
    static func dto(_ account: Account, _ request: Request) async throws -> AccountDTO { try await AccountStore.dto(account, on: request.db) }

    static let (list, card, newForm, editForm) = (Site.accounts, Site.account, Site.accountNew, Site.accountEdit)
    static let (archive, restore, erase) = (Site.accountArchive, Site.accountRestore, Site.accountErase)
    static func title(of account: Account) -> String { account.name }
    static let archiveExplanation = "It disappears from lists and search. Its contacts, history and everything linked to it are kept, and it can be restored at any time."
    static let eraseExplanation = "This deletes the account, its phone numbers, emails, competitor information and history, for a data-protection request. Its contacts stay, without an account. It cannot be undone; the audit log records that you did it."

    static func formPage(_ request: Request, form: AccountForm, editing account: Account?, input: AccountInput?,
                         errors: [String: String], conflict: Bool) async throws -> Node {
        let model = AccountPages.FormModel(form: form, errors: errors, owners: try await UserDirectory.activeUsers(on: request.db),
                                           accountID: account?.id, conflict: conflict)
        return AccountPages.form(model, PageContext(request))
    }
}

extension AccountDTO: RecordDTO {}
