import CRMCore
import Fluent
import Vapor

/// What whoever answers a call needs besides the caller's name: the latest interactions (a complaint logged
/// minutes ago included), open deals and last quoted prices of the caller's account. Read per account for the
/// first few accounts of the matches; a number rarely belongs to more.
struct CallerScreen {
    struct Context {
        var recent: [Timeline.Entry] = []
        var deals: [OpenDeals.Deal] = []
        var prices: [QuoteLine] = []
    }

    static let accountsShown = 3

    let db: any Database

    /// Context by match id.
    func contexts(for matches: [CallerLookup.Match]) async throws -> [UUID: Context] {
        let interactionsOnly = Timeline.Filter(types: Set(InteractionKind.allCases.map(\.rawValue)))
        var subjects: [(match: UUID, subject: CustomerSubject, accountID: UUID?)] = []
        for match in matches.prefix(Self.accountsShown) {
            if let accountID = match.type == "account" ? match.id : match.account?.id {
                subjects.append((match.id, .account(accountID), accountID))
            } else {
                subjects.append((match.id, .contact(match.id), nil))
            }
        }
        let accountIDs = Array(Set(subjects.compactMap(\.accountID)))
        let deals = try await OpenDeals.of(accountIDs, limit: 5, on: db)
        var contexts: [UUID: Context] = [:]
        var recentBySubject: [String: [Timeline.Entry]] = [:]
        var pricesByAccount: [UUID: [QuoteLine]] = [:]
        for (match, subject, accountID) in subjects {
            let key = "\(subject.type)/\(subject.id)"
            if recentBySubject[key] == nil {
                recentBySubject[key] = try await Timeline(db: db).page(of: subject, filter: interactionsOnly, paging: PageRequest(limit: 5)).items
            }
            var context = Context(recent: recentBySubject[key] ?? [])
            if let accountID {
                if pricesByAccount[accountID] == nil { pricesByAccount[accountID] = try await QuotedPrices.all(accountID: accountID, limit: 5, on: db) }
                context.deals = deals[accountID] ?? []
                context.prices = pricesByAccount[accountID] ?? []
            }
            contexts[match] = context
        }
        return contexts
    }
}
