import CRMCore
import Fluent
import Vapor

/// The stored contact-frequency rules: the general ones an admin sets and the contacts' own.
enum ContactCapRules {
    struct Rule: Content, Equatable {
        var maxContacts: Int
        var days: Int
        var channel: String?

        static let schema = JSONSchema.object([("maxContacts", .integer(description: "0 or more")), ("days", .integer(description: "1–366")),
                                               ("channel", .nullable(.string(enumeration: InteractionKind.allCases.map(\.rawValue), description: "null: every channel")))],
                                              required: ["maxContacts", "days"])
    }

    static func list(of contact: UUID?, on db: any Database) async throws -> [Rule] {
        try await ContactCapRule.query(on: db).filter(\.$contactID == contact).sort(\.$days).all()
            .map { Rule(maxContacts: $0.maxContacts, days: $0.days, channel: $0.channel) }
    }

    /// Replaces the general rules (`contact` nil) or a contact's own; every rule is checked first, so a bad one changes nothing.
    static func replace(_ rules: [Rule], of contact: UUID?, on db: any Database) async throws {
        var fields = FieldCheck()
        for (index, rule) in rules.enumerated() {
            if rule.maxContacts < 0 || rule.maxContacts > 1_000 { fields.fail("[\(index)].maxContacts", "must be between 0 and 1000") }
            if !(1...366).contains(rule.days) { fields.fail("[\(index)].days", "must be between 1 and 366") }
            if let channel = rule.channel, InteractionKind(rawValue: channel) == nil {
                fields.fail("[\(index)].channel", "must be one of " + InteractionKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        try fields.throwIfFailed()
        try await db.transaction { db in
            try await ContactCapRule.query(on: db).filter(\.$contactID == contact).delete()
            for rule in rules {
                let row = ContactCapRule()
                row.contactID = contact
                row.channel = rule.channel
                row.maxContacts = rule.maxContacts
                row.days = rule.days
                try await row.create(on: db)
            }
        }
    }
}
