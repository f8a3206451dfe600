import CRMCore
import Fluent
import SQLKit
import Vapor

/// Mail to a support address: an answer to a case (by its `[C-1042]` subject tag, or as a reply to the mail that
/// opened it or to one of our replies) lands on that case — waking it when it waited on the customer, reopening it
/// when it was resolved — and other mail from a known contact opens a case. Mail no contact matches stays in the
/// unmatched inbox, as all mail does. Runs in the transaction that logs the mail, so a message delivered twice does
/// nothing twice.
enum CaseMail {
    @Sendable static func observe(_ mail: Contributions.InboundMail, db: any Database, now: Date) async throws {
        // The settings are read only for mail that may concern a case: most mail neither answers one nor comes from a contact.
        if let item = try await answeredCase(mail, on: db) {
            let settings = try await ServiceSettings.load(on: db, defaultZone: .gmt)
            try await CaseStore(db: db, actor: nil, now: now, settings: settings).received(mail, on: item)
            return
        }
        guard !mail.contactIDs.isEmpty else { return }
        let settings = try await ServiceSettings.load(on: db, defaultZone: .gmt)
        if !Set(mail.recipients).isDisjoint(with: settings.supportAddresses) {
            var input = CaseInput()
            input.kind = CaseKind.question.rawValue
            input.subject = mail.subject.isEmpty ? "(no subject)" : String(mail.subject.prefix(300))
            input.description = mail.text.isEmpty ? nil : String(mail.text.prefix(100_000))
            input.channel = CaseChannel.email.rawValue
            input.contactId = mail.contactIDs.first
            input.accountId = mail.accountID
            let store = CaseStore(db: db, actor: nil, now: now, settings: settings)
            let item = try await store.open(input, messageID: mail.messageID)
            try await store.record(.emailIn, on: item, body: nil, to: mail.from, interactionID: mail.interactionID, db: db)
        }
    }

    /// The case a message answers: its subject tag, or the message it replies to.
    static func answeredCase(_ mail: Contributions.InboundMail, on db: any Database) async throws -> ServiceCase? {
        if let number = reference(in: mail.subject), let item = try await ServiceCase.query(on: db).filter(\.$number == number).first() { return item }
        guard let parent = mail.parentInteractionID else { return nil }
        // The parent is the mail that opened a case, or a reply sent from one.
        if let opened = try await db.sql.select().column("case_id").from(CaseEvent.schema).where("interaction_id", .equal, SQLBind(parent)).first(),
           let item = try await ServiceCase.find(try opened.decode(column: "case_id", as: UUID.self), on: db) {
            return item
        }
        return nil
    }

    /// `[C-1042]` anywhere in a subject.
    static func reference(in subject: String) -> Int? {
        guard let match = subject.firstMatch(of: /\[C-(\d{1,9})\]/) else { return nil }
        return Int(match.1)
    }
}
